/** The integrity hashes (DESIGN §3): raw event, batch, and the per-tenant chain. */
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A batch hash covers its events' raw hashes in insertion (id) order. */
export function batchHash(rawHashes: readonly string[]): string {
  const hash = createHash('sha256');
  for (const h of rawHashes) hash.update(h).update('\n');
  return hash.digest('hex');
}

/** chain_i = sha256(chain_{i-1} ‖ batch hash); the first link has an empty predecessor. */
export function chainLink(previous: string | null, batch: string): string {
  return createHash('sha256').update(previous ?? '').update('|').update(batch).digest('hex');
}
