/** An audit event as a source connector hands it to the store: normalised fields plus the raw text. */
import type { ACTIVITIES, CATEGORIES, OUTCOMES } from '../../preload/contract.ts';

export type Category = (typeof CATEGORIES)[number];
export type Activity = (typeof ACTIVITIES)[number];
export type Outcome = (typeof OUTCOMES)[number];

export interface NormalizedEvent {
  /** The source's own id, unique per tenant (Okta uuid, CloudTrail eventID, M365 Id, …). */
  sourceId: string;
  /** UTC epoch milliseconds. */
  ts: number;
  /** The timestamp exactly as the source wrote it. */
  tsRaw: string;
  category: Category;
  action: string;
  activity: Activity;
  outcome: Outcome;
  severity: string | null;
  actorType: string | null;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  ip: string | null;
  userAgent: string | null;
  geoCountry: string | null;
  geoCity: string | null;
  message: string | null;
  /** The event exactly as received (one JSON object, one syslog line, one CSV record as JSON). */
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
