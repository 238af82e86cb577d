/**
 * Trailkeeper's own NDJSON/CSV exports: records that are already normalised. Field names are
 * accepted in camelCase (the API's event rows) or snake_case (the database columns); `ts` may be
 * epoch ms or an ISO-8601 string with a zone. When the record carries the original `raw` text
 * (an export of a Trailkeeper workspace does), that text stays the raw event, so its sha256
 * matches the workspace it came from; otherwise the record itself is the raw event.
 */
import { ACTIVITIES, CATEGORIES, EVENT_FIELD_KEYS, EVENT_FIELDS, OUTCOMES } from '../../../common/event-fields.ts';
import { normalizedEvent, type Activity, type Category, type NormalizedEvent, type Outcome } from '../../domain/event.ts';
import { at, excerpt, requireObject, text, type JsonObject } from './fields.ts';
import { parseEpochMs, parseIsoMs } from './time.ts';

function field(e: JsonObject, camel: string): string | null {
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return text(e[camel]) ?? text(e[snake]);
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function normalize(raw: string, obj: unknown): NormalizedEvent {
  const e = requireObject(obj, 'a Trailkeeper event', raw);
  const sourceId = field(e, 'sourceId');
  if (sourceId === null) throw new Error(`Trailkeeper event has no sourceId: ${excerpt(raw)}`);
  const when = e.ts ?? e.time ?? e.timestamp;
  const ts = parseEpochMs(when) ?? (typeof when === 'string' ? parseIsoMs(when) : null);
  if (ts === null) throw new Error(`Trailkeeper event ${sourceId} has no readable ts (epoch ms or ISO-8601 with zone).`);
  const action = field(e, 'action');
  if (action === null) throw new Error(`Trailkeeper event ${sourceId} has no action.`);

  // Every optional text field by its declared name (common/event-fields.ts).
  const optional = Object.fromEntries(
    EVENT_FIELD_KEYS.filter((k) => EVENT_FIELDS[k].type === 'text?').map((k) => [k, field(e, k)]),
  );
  return normalizedEvent({
    ...optional,
    sourceId,
    ts,
    tsRaw: field(e, 'tsRaw') ?? String(when),
    category: oneOf<Category>(CATEGORIES, field(e, 'category'), 'other'),
    action,
    activity: oneOf<Activity>(ACTIVITIES, field(e, 'activity'), 'other'),
    outcome: oneOf<Outcome>(OUTCOMES, field(e, 'outcome'), 'unknown'),
    raw: typeof e.raw === 'string' && e.raw.length > 0 ? e.raw : raw,
  });
}

export function looksLike(obj: unknown): boolean {
  const has = (k: string): boolean => at(obj, k) !== undefined;
  return (has('sourceId') || has('source_id')) && has('action') && (has('ts') || has('tsRaw') || has('ts_raw'));
}
