/**
 * A stable source id for a record that carries none of its own: the sha256 of its raw bytes,
 * marked so nobody mistakes it for the source's id. The same record always gets the same id, so
 * re-reading it (an overlap window, a repeated page, a re-import) still deduplicates.
 */
import { createHash } from 'node:crypto';

export const DERIVED_ID_PREFIX = 'sha256:';

export function derivedSourceId(raw: string): string {
  return DERIVED_ID_PREFIX + createHash('sha256').update(raw, 'utf8').digest('hex');
}

export function isDerivedSourceId(id: string): boolean {
  return id.startsWith(DERIVED_ID_PREFIX);
}
