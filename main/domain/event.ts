/** An audit event as a source connector hands it to the store: normalised fields plus the raw text. */
import type { EventFields } from '../../common/event-fields.ts';

export type { Activity, Category, Outcome } from '../../common/event-fields.ts';

/**
 * The normalised fields (declared in common/event-fields.ts) plus the event exactly as received:
 * one JSON object, one syslog line, one CSV record as JSON. `sourceId` is the source's own id,
 * unique per tenant; `ts` is UTC epoch ms and `tsRaw` the timestamp as the source wrote it.
 */
export interface NormalizedEvent extends EventFields {
  raw: string;
}

/** The value when it looks like an email address, else null. */
export function emailOrNull(value: string | null): string | null {
  return value !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

/**
 * Fills every optional field with null so normalisers only name what they know. An actor known
 * only by an email-shaped id or name gets that email as actorEmail too: `actor:x@y` queries
 * (query/compile.ts) look in actor_email alone.
 */
export function normalizedEvent(
  fields: Pick<NormalizedEvent, 'sourceId' | 'ts' | 'tsRaw' | 'action' | 'raw'> & Partial<NormalizedEvent>,
): NormalizedEvent {
  const event: NormalizedEvent = {
    category: 'other',
    activity: 'other',
    outcome: 'unknown',
    severity: null,
    actorType: null,
    actorId: null,
    actorName: null,
    actorEmail: null,
    actorRole: null,
    targetType: null,
    targetId: null,
    targetName: null,
    ip: null,
    userAgent: null,
    geoCountry: null,
    geoCity: null,
    message: null,
    ...fields,
  };
  event.actorEmail ??= emailOrNull(event.actorId) ?? emailOrNull(event.actorName);
  return event;
}
