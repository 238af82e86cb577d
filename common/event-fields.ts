/**
 * The event vocabulary, declared once. Every normalised field of an audit event is listed here
 * with its column, its kind and whether its values can be counted; the contract's row schema,
 * the store's column lists, the query fields and the facet list all derive from this table.
 *
 * Migrations are the exception on purpose: a migration is history and must not change when this
 * table does (a test checks the live schema still has every column named here).
 */

export const CATEGORIES = [
  'auth', 'user', 'access', 'app', 'config', 'integration',
  'infrastructure', 'compliance', 'security', 'audit', 'other',
] as const;
export const ACTIVITIES = ['create', 'read', 'update', 'delete', 'login', 'logout', 'other'] as const;
export const OUTCOMES = ['success', 'failure', 'unknown'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Activity = (typeof ACTIVITIES)[number];
export type Outcome = (typeof OUTCOMES)[number];

/**
 * How a field's value looks: required text, optional text, UTC epoch ms, or one of a fixed list.
 * `facet`: its values can be counted (events.topValues). `query`: the query language's kind for
 * it (`ip` compares by address, `ts` by time); absent means plain text.
 */
type FieldSpec =
  | { readonly column: string; readonly type: 'text' | 'text?'; readonly facet?: true; readonly query?: 'ip' | false }
  | { readonly column: string; readonly type: 'epochMs'; readonly query: 'ts' }
  | { readonly column: string; readonly type: 'enum'; readonly values: readonly string[]; readonly facet: true };

/** The normalised fields in column order (camelCase key → snake_case column). */
export const EVENT_FIELDS = {
  sourceId: { column: 'source_id', type: 'text' },
  ts: { column: 'ts', type: 'epochMs', query: 'ts' },
  tsRaw: { column: 'ts_raw', type: 'text', query: false },
  category: { column: 'category', type: 'enum', values: CATEGORIES, facet: true },
  action: { column: 'action', type: 'text', facet: true },
  activity: { column: 'activity', type: 'enum', values: ACTIVITIES, facet: true },
  outcome: { column: 'outcome', type: 'enum', values: OUTCOMES, facet: true },
  severity: { column: 'severity', type: 'text?', facet: true },
  actorType: { column: 'actor_type', type: 'text?', facet: true },
  actorId: { column: 'actor_id', type: 'text?', facet: true },
  actorName: { column: 'actor_name', type: 'text?', facet: true },
  actorEmail: { column: 'actor_email', type: 'text?', facet: true },
  actorRole: { column: 'actor_role', type: 'text?', facet: true },
  targetType: { column: 'target_type', type: 'text?', facet: true },
  targetId: { column: 'target_id', type: 'text?', facet: true },
  targetName: { column: 'target_name', type: 'text?', facet: true },
  ip: { column: 'ip', type: 'text?', facet: true, query: 'ip' },
  userAgent: { column: 'user_agent', type: 'text?', facet: true },
  geoCountry: { column: 'geo_country', type: 'text?', facet: true },
  geoCity: { column: 'geo_city', type: 'text?', facet: true },
  message: { column: 'message', type: 'text?' },
} as const satisfies Record<string, FieldSpec>;

export type EventFieldKey = keyof typeof EVENT_FIELDS;
type Spec<K extends EventFieldKey> = (typeof EVENT_FIELDS)[K];

/** The TypeScript type of one field's value. */
export type FieldValue<S> = S extends { type: 'epochMs' }
  ? number
  : S extends { type: 'enum'; values: readonly (infer V)[] }
    ? V
    : S extends { type: 'text?' }
      ? string | null
      : string;

/** Every normalised field with its value type: the common part of a stored and a parsed event. */
export type EventFields = { -readonly [K in EventFieldKey]: FieldValue<Spec<K>> };

export const EVENT_FIELD_KEYS = Object.keys(EVENT_FIELDS) as EventFieldKey[];

/** The columns that hold the normalised fields, in declaration order. */
export const EVENT_FIELD_COLUMNS = EVENT_FIELD_KEYS.map((k) => EVENT_FIELDS[k].column);

type FacetColumn = {
  [K in EventFieldKey]: Spec<K> extends { facet: true } ? Spec<K>['column'] : never;
}[EventFieldKey];

/** The fields whose values can be counted: every facet column, plus the tenant (by name). */
export const FACET_FIELDS = [
  ...EVENT_FIELD_KEYS.flatMap((k) => {
    const spec: FieldSpec = EVENT_FIELDS[k];
    return 'facet' in spec && spec.facet ? [spec.column as FacetColumn] : [];
  }),
  'tenant',
] as unknown as readonly [FacetColumn | 'tenant', ...(FacetColumn | 'tenant')[]];
export type FacetField = (typeof FACET_FIELDS)[number];
