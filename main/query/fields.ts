/**
 * The fixed field table: every name a query may use and the SQL it maps to. Query text never
 * reaches SQL; only these column strings do.
 */
import { EVENT_FIELDS } from '../../common/event-fields.ts';

/** How a field is compared: plain text, tenant name (via tenants), IP, timestamp, event id. */
export type FieldKind = 'text' | 'tenant' | 'ip' | 'ts' | 'id';

export interface FieldDef {
  /** Canonical name, as shown in messages. */
  readonly name: string;
  readonly kind: FieldKind;
  /** Columns of `events e` the field reads; text fields with several are OR-ed. */
  readonly columns: readonly string[];
}

const text = (name: string, ...columns: string[]): FieldDef => ({
  name,
  kind: 'text',
  columns: columns.length ? columns : [`e.${name}`],
});

/** Each normalised field by its column name (common/event-fields.ts), with its query kind. */
const EVENT_COLUMN_FIELDS: FieldDef[] = Object.values(EVENT_FIELDS).flatMap((spec): FieldDef[] => {
  if ('query' in spec && spec.query === false) return [];
  const kind: FieldKind = 'query' in spec && spec.query ? spec.query : 'text';
  return [{ name: spec.column, kind, columns: [`e.${spec.column}`] }];
});

export const FIELDS: readonly FieldDef[] = [
  { name: 'tenant', kind: 'tenant', columns: ['e.tenant_id'] },
  // Shorthands over several columns, OR-ed.
  text('actor', 'e.actor_id', 'e.actor_name', 'e.actor_email'),
  text('target', 'e.target_id', 'e.target_name'),
  ...EVENT_COLUMN_FIELDS,
  { name: 'id', kind: 'id', columns: ['e.id'] },
];

/** Short and dotted spellings people type (`actor.email`, `ua`, `country`). */
const ALIASES: Readonly<Record<string, string>> = {
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
};

const BY_NAME = new Map<string, FieldDef>(FIELDS.map((f) => [f.name, f]));
for (const [alias, name] of Object.entries(ALIASES)) {
  const def = BY_NAME.get(name);
  if (def) BY_NAME.set(alias, def);
}

/** The pseudo-field that tests for a value: `_exists_:target_id`. */
export const EXISTS_FIELD = '_exists_';

/** Field names are case-insensitive. */
export function lookupField(name: string): FieldDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Every name and alias a query accepts, canonical names first. */
export function fieldNames(): string[] {
  return [...FIELDS.map((f) => f.name), ...Object.keys(ALIASES), EXISTS_FIELD];
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** A sentence naming the closest valid fields (or the common ones) for an unknown name. */
export function unknownFieldMessage(name: string, typedAsField = true): string {
  const lower = name.toLowerCase();
  // Short names are close to everything; only a typo-sized distance suggests anything.
  const limit = lower.length >= 5 ? 2 : 1;
  const close = fieldNames()
    .map((n) => ({ n, d: editDistance(lower, n) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.n);
  const hint = close.length
    ? `Did you mean ${close.join(', ')}?`
    : 'Valid fields include actor, action, outcome, category, target, ip, ts, tenant, message.';
  const quote = typedAsField ? " To search for text containing ':', put it in quotes." : '';
  return `Unknown field '${name}'. ${hint}${quote}`;
}
