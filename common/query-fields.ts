/**
 * The query language's field names, declared once for both sides: the query compiler
 * (main/query/fields.ts adds the SQL columns) and the renderer's completion. Derived from the
 * event vocabulary (common/event-fields.ts) plus the shorthands that read several columns.
 */
import { EVENT_FIELDS, FACET_FIELDS, type FacetField } from './event-fields.ts';

/**
 * How a field is compared: plain text, tenant name (via tenants), IP, timestamp, event id, or
 * one of the investigator's annotations (star, tag, note; their own tables, not event columns).
 */
export type QueryFieldKind = 'text' | 'tenant' | 'ip' | 'ts' | 'id' | 'starred' | 'tag' | 'note';

export interface QueryField {
  /** Canonical name, as shown in messages and completion. */
  readonly name: string;
  readonly kind: QueryFieldKind;
  /** The facet whose top values (events.topValues) are good values for this field, if any. */
  readonly facet: FacetField | null;
  /** The fixed list of values an enum field takes (outcome, category, activity). */
  readonly values?: readonly string[];
}

const isFacet = (name: string): name is FacetField => (FACET_FIELDS as readonly string[]).includes(name);

/** Each normalised field by its column name, with its query kind; `query: false` fields are not queryable. */
const EVENT_COLUMN_FIELDS: QueryField[] = Object.values(EVENT_FIELDS).flatMap((spec): QueryField[] => {
  if ('query' in spec && spec.query === false) return [];
  const kind: QueryFieldKind = 'query' in spec && spec.query ? spec.query : 'text';
  const values = 'values' in spec ? spec.values : undefined;
  return [{ name: spec.column, kind, facet: isFacet(spec.column) ? spec.column : null, ...(values ? { values } : {}) }];
});

export const QUERY_FIELDS: readonly QueryField[] = [
  { name: 'tenant', kind: 'tenant', facet: 'tenant' },
  // Shorthands over several columns (OR-ed by the compiler); completion offers the likeliest column's values.
  { name: 'actor', kind: 'text', facet: 'actor_email' },
  { name: 'target', kind: 'text', facet: 'target_name' },
  ...EVENT_COLUMN_FIELDS,
  { name: 'id', kind: 'id', facet: null },
  // Annotations (issue 9 item 7): `starred:true`, `tag:phishing`, `note:word`.
  { name: 'starred', kind: 'starred', facet: null, values: ['true', 'false'] },
  { name: 'tag', kind: 'tag', facet: null },
  { name: 'note', kind: 'note', facet: null },
];

/** Short and dotted spellings people type (`actor.email`, `ua`, `country`) → canonical names. */
export const QUERY_FIELD_ALIASES: Readonly<Record<string, string>> = {
  'actor.id': 'actor_id',
  'actor.name': 'actor_name',
  'actor.email': 'actor_email',
  'actor.role': 'actor_role',
  'actor.type': 'actor_type',
  role: 'actor_role',
  'target.type': 'target_type',
  'target.id': 'target_id',
  'target.name': 'target_name',
  ua: 'user_agent',
  'user.agent': 'user_agent',
  'geo.country': 'geo_country',
  'geo.city': 'geo_city',
  country: 'geo_country',
  city: 'geo_city',
  'source.id': 'source_id',
  star: 'starred',
  tags: 'tag',
};

/** The pseudo-field that tests for a value: `_exists_:target_id`. */
export const EXISTS_FIELD = '_exists_';

const BY_NAME = new Map<string, QueryField>(QUERY_FIELDS.map((f) => [f.name, f]));
for (const [alias, name] of Object.entries(QUERY_FIELD_ALIASES)) {
  const field = BY_NAME.get(name);
  if (field) BY_NAME.set(alias, field);
}

/** A field by name or alias; names are case-insensitive. */
export function queryFieldByName(name: string): QueryField | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Every name and alias a query accepts, canonical names first. */
export function queryFieldNames(): string[] {
  return [...QUERY_FIELDS.map((f) => f.name), ...Object.keys(QUERY_FIELD_ALIASES), EXISTS_FIELD];
}
