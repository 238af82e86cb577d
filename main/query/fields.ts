/**
 * The fixed field table: every name a query may use and the SQL it maps to. Query text never
 * reaches SQL; only these column strings do.
 */
import { EXISTS_FIELD, QUERY_FIELD_ALIASES, QUERY_FIELDS, queryFieldNames, type QueryFieldKind } from '../../common/query-fields.ts';

export { EXISTS_FIELD };

/** How a field is compared: plain text, tenant name (via tenants), IP, timestamp, event id. */
export type FieldKind = QueryFieldKind;

export interface FieldDef {
  /** Canonical name, as shown in messages. */
  readonly name: string;
  readonly kind: FieldKind;
  /** Columns of `events e` the field reads; text fields with several are OR-ed. */
  readonly columns: readonly string[];
}

/** Fields that read other columns than their own name; every other field reads `e.<name>`. */
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  tenant: ['e.tenant_id'],
  // Shorthands over several columns, OR-ed.
  actor: ['e.actor_id', 'e.actor_name', 'e.actor_email'],
  target: ['e.target_id', 'e.target_name'],
  id: ['e.id'],
  // Annotations read their own tables by e.id (compile.ts); they name no column of events.
  starred: [],
  tag: [],
  note: [],
};

/** The query fields (common/query-fields.ts, shared with the renderer's completion) with their SQL columns. */
export const FIELDS: readonly FieldDef[] = QUERY_FIELDS.map((f) => ({ name: f.name, kind: f.kind, columns: COLUMNS[f.name] ?? [`e.${f.name}`] }));

const BY_NAME = new Map<string, FieldDef>(FIELDS.map((f) => [f.name, f]));
for (const [alias, name] of Object.entries(QUERY_FIELD_ALIASES)) {
  const def = BY_NAME.get(name);
  if (def) BY_NAME.set(alias, def);
}

/** Field names are case-insensitive. */
export function lookupField(name: string): FieldDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Every name and alias a query accepts, canonical names first. */
export function fieldNames(): string[] {
  return queryFieldNames();
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
