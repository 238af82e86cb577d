/** What full-text search sees of an event: the names people search for, then the raw text. */
import type { NormalizedEvent } from '../domain/event.ts';

export function ftsDocument(
  e: Pick<NormalizedEvent, 'action' | 'actorName' | 'actorEmail' | 'targetName' | 'message' | 'raw'>,
): string {
  return [e.action, e.actorName, e.actorEmail, e.targetName, e.message, e.raw]
    .filter((part): part is string => part !== null && part !== '')
    .join('\n');
}
