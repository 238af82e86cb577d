/**
 * Cond → one parameterised SQL boolean over `events e`, reading the raw event with SQLite's JSON
 * functions. Field paths and values travel as `?` parameters; only fixed SQL is written here.
 *
 * The values of a field path a.b.c in an event: the node at a.b.c, and for each prefix (a, a.b)
 * that is an array, the node at the rest of the path inside each object element. A scalar node
 * is one value (true/false as the words, numbers as text); an array node gives its scalar
 * elements; objects and null give none. A field matches when any of its values does.
 * Every piece is 0 or 1, never NULL, so NOT keeps events without the field.
 */
import type { Cond, Piece, ValueTest } from './ast.ts';
import { asciiLower } from '../domain/ascii-lower.ts';
import { hasWild, literalOf } from './values.ts';

export type SqlParam = string | number;
export interface Sql {
  sql: string;
  params: SqlParam[];
}

/** `$."a"."b"`: every segment quoted, so a key like `@timestamp` or `a-b` is one label. */
export function jsonPath(segs: readonly string[]): string {
  return `$${segs.map((s) => `."${s}"`).join('')}`;
}

/** The scalar at a path of the raw event; its two parameters are the path twice. */
const SCALAR_OF =
  "(CASE json_type(e.raw, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'object' THEN NULL WHEN 'array' THEN NULL ELSE json_extract(e.raw, ?) END)";
const ELEMENT_OF = (alias: string): string =>
  `CASE ${alias}.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'object' THEN NULL WHEN 'array' THEN NULL ELSE ${alias}.value END`;

export function likePattern(pieces: readonly Piece[]): string {
  return pieces.map((p) => ('wild' in p ? (p.wild === '*' ? '%' : '_') : p.lit.replace(/[\\%_]/g, '\\$&'))).join('');
}

export function globPattern(pieces: readonly Piece[]): string {
  return pieces.map((p) => ('wild' in p ? p.wild : p.lit.replace(/[*?[]/g, '[$&]'))).join('');
}

/** The tests of one field on a scalar SQL expression `v` (text, number or NULL). */
function testsSql(v: Sql, tests: readonly ValueTest[]): Sql {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: string, ...values: SqlParam[]): void => {
    parts.push(sql.replace('{v}', () => v.sql));
    params.push(...v.params, ...values);
  };
  const plain = tests.flatMap((t) => (t.t === 'pattern' && !t.cased && !hasWild(t.pieces) ? [asciiLower(literalOf(t.pieces))] : []));
  if (plain.length === 1) add('lower({v}) = ?', plain[0]!);
  else if (plain.length > 1) add(`lower({v}) IN (${plain.map(() => '?').join(', ')})`, ...plain);
  for (const t of tests) {
    if (t.t === 'pattern' && !t.cased && !hasWild(t.pieces)) continue;
    if (t.t === 'pattern' && t.cased && !hasWild(t.pieces)) add('CAST({v} AS TEXT) = ?', literalOf(t.pieces));
    else if (t.t === 'pattern' && t.cased) add('{v} GLOB ?', globPattern(t.pieces));
    else if (t.t === 'pattern') add("{v} LIKE ? ESCAPE '\\'", likePattern(t.pieces));
    else if (t.t === 're') add('sigma_re({v}, ?, ?)', t.source, t.flags);
    else if (t.t === 'cidr') add('sigma_cidr({v}, ?)', t.cidr);
    else add(`sigma_num({v}) ${t.op} ?`, t.value);
  }
  return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`, params };
}

function valueSql(path: readonly string[], tests: readonly ValueTest[]): Sql {
  const direct = testsSql(scalarAt(path), tests);
  const alts: Sql[] = [{ sql: `ifnull(${direct.sql}, 0)`, params: direct.params }];
  const element: Sql = { sql: ELEMENT_OF('k'), params: [] };
  const leaf = testsSql(element, tests);
  const p = jsonPath(path);
  alts.push({
    sql: `(json_type(e.raw, ?) = 'array' AND EXISTS (SELECT 1 FROM json_each(e.raw, ?) k WHERE ${leaf.sql}))`,
    params: [p, p, ...leaf.params],
  });
  for (let cut = 1; cut < path.length; cut++) {
    const pre = jsonPath(path.slice(0, cut));
    const rest = jsonPath(path.slice(cut));
    alts.push({
      sql:
        `(json_type(e.raw, ?) = 'array' AND EXISTS (SELECT 1 FROM json_each(e.raw, ?) j, ` +
        `json_each(iif(j.type = 'object', j.value, '{}'), ?) k WHERE (k.key IS NULL OR typeof(k.key) = 'integer') AND ${leaf.sql}))`,
      params: [pre, pre, rest, ...leaf.params],
    });
  }
  return { sql: `(${alts.map((a) => a.sql).join(' OR ')})`, params: alts.flatMap((a) => a.params) };
}

function scalarAt(path: readonly string[]): Sql {
  const p = jsonPath(path);
  return { sql: SCALAR_OF, params: [p, p] };
}

function fieldrefSql(c: Extract<Cond, { k: 'fieldref' }>): Sql {
  const a = scalarAt(c.path);
  const b = scalarAt(c.other);
  const la = c.cased ? `CAST(${a.sql} AS TEXT)` : `lower(${a.sql})`;
  const lb = c.cased ? `CAST(${b.sql} AS TEXT)` : `lower(${b.sql})`;
  if (c.op === 'eq') return { sql: `ifnull(${la} = ${lb}, 0)`, params: [...a.params, ...b.params] };
  if (c.op === 'contains') return { sql: `ifnull(instr(${la}, ${lb}) > 0, 0)`, params: [...a.params, ...b.params] };
  if (c.op === 'startswith') {
    return { sql: `ifnull(substr(${la}, 1, length(${lb})) = ${lb}, 0)`, params: [...a.params, ...b.params, ...b.params] };
  }
  return {
    sql: `ifnull(length(${la}) >= length(${lb}) AND substr(${la}, length(${la}) - length(${lb}) + 1) = ${lb}, 0)`,
    params: [...a.params, ...b.params, ...a.params, ...a.params, ...b.params, ...b.params],
  };
}

function existsSql(path: readonly string[]): Sql {
  const alts: Sql[] = [{ sql: 'json_type(e.raw, ?) IS NOT NULL', params: [jsonPath(path)] }];
  for (let cut = 1; cut < path.length; cut++) {
    const pre = jsonPath(path.slice(0, cut));
    alts.push({
      sql: `(json_type(e.raw, ?) = 'array' AND EXISTS (SELECT 1 FROM json_each(e.raw, ?) j WHERE j.type = 'object' AND json_type(j.value, ?) IS NOT NULL))`,
      params: [pre, pre, jsonPath(path.slice(cut))],
    });
  }
  return { sql: `(${alts.map((a) => a.sql).join(' OR ')})`, params: alts.flatMap((a) => a.params) };
}

export function condSql(c: Cond): Sql {
  switch (c.k) {
    case 'and':
    case 'or': {
      const parts = c.items.map(condSql);
      return { sql: `(${parts.map((p) => p.sql).join(c.k === 'and' ? ' AND ' : ' OR ')})`, params: parts.flatMap((p) => p.params) };
    }
    case 'not': {
      const inner = condSql(c.item);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case 'const':
      return { sql: c.value ? '1' : '0', params: [] };
    case 'value':
      return valueSql(c.path, c.tests);
    case 'null':
      return { sql: `(ifnull(json_type(e.raw, ?), 'null') = 'null')`, params: [jsonPath(c.path)] };
    case 'exists':
      return existsSql(c.path);
    case 'fieldref':
      return fieldrefSql(c);
    case 'keyword':
      return { sql: `(e.raw LIKE ? ESCAPE '\\')`, params: [likePattern(c.pieces)] };
  }
}
