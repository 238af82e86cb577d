/**
 * Properties over generated queries: any text compiles or fails with a QuerySyntaxError pointing
 * inside it; compiled SQL holds only fixed words and placeholders, never the user's text, and
 * runs on the real schema; and queries built from a model select exactly what the model says.
 */
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery, type CompiledQuery } from '../../../main/query/compile.ts';
import { QuerySyntaxError } from '../../../main/query/errors.ts';
import { FIELDS, fieldNames } from '../../../main/query/fields.ts';
import { EVENTS, TENANTS, ftsDoc, matchIds, openFixture, type FixtureEvent } from './fixture.ts';

/** Every word the compiler may write: SQL keywords, the alias, tables and columns. */
const VOCAB = new Set(
  [
    'AND', 'OR', 'NOT', 'IS', 'NULL', 'TRUE', 'COLLATE', 'NOCASE', 'LIKE', 'ESCAPE', 'BETWEEN', 'IN',
    'SELECT', 'FROM', 'WHERE', 'MATCH', 'rowid', 'id', 'name', 'tenants', 'events_fts', 'e', 'ip_bin',
    // Annotation terms (main/query/annotation-terms.ts): their tables and columns.
    'annotations', 'annotation_tags', 'event_id', 'starred', 'note', 'tag',
    ...FIELDS.flatMap((f) => f.columns.map((c) => c.replace(/^e\./, ''))),
  ].map((w) => w.toLowerCase()),
);

let db: Database.Database;
beforeAll(() => {
  db = openFixture();
});
afterAll(() => db.close());

/** Compiles, or returns the QuerySyntaxError; any other exception fails the property. */
function attempt(text: string): CompiledQuery | QuerySyntaxError {
  try {
    return compileQuery(text);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
}

/** The SQL is fixed text plus placeholders, and runs on the real schema with its params. */
function checkCompiled(input: string, q: CompiledQuery): void {
  const sqlWords = (q.where.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).map((w) => w.toLowerCase());
  for (const w of sqlWords) expect(VOCAB, `SQL word ${w}`).toContain(w);
  // The brief's form of the same promise: no input token (≥ 3 chars, not SQL vocabulary) in the SQL.
  const sqlWordSet = new Set(sqlWords);
  for (const token of input.split(/[^A-Za-z0-9_]+/)) {
    if (token.length >= 3 && !VOCAB.has(token.toLowerCase())) expect(sqlWordSet).not.toContain(token.toLowerCase());
  }
  for (const literal of q.where.match(/'[^']*'/g) ?? []) expect(["'\\'", "''"]).toContain(literal);
  expect(q.where.split('?').length - 1).toBe(q.params.length);
  expect(() => matchIds(db, q)).not.toThrow();
}

function checkAny(input: string): void {
  const r = attempt(input);
  if (r instanceof QuerySyntaxError) {
    expect(r.column).toBeGreaterThanOrEqual(1);
    expect(r.column).toBeLessThanOrEqual(input.length + 1);
    expect(r.message.length).toBeGreaterThan(0);
  } else {
    checkCompiled(input, r);
  }
}

const GRAMMAR_CHARS = [...'()"\\*?:-<>=%_\'; \t', 'AND', 'OR', 'NOT', 'a', 'Z', '0', '9', '.', '/', '\0', '\ud800'];

describe('any text', () => {
  it('compiles or throws QuerySyntaxError with a column inside the text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...GRAMMAR_CHARS), maxLength: 30 }),
    );
    fc.assert(fc.property(text, checkAny), { numRuns: 2000 });
  });
});

/** Values that cannot collide with SQL text: every one starts with `zq`. */
const zqWord = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), maxLength: 5 }), fc.constantFrom('', '', '*', '?', '*x'))
  .map(([s, w]) => `zq${s}${w}`);
const nasty = fc.constantFrom("zq'", 'zq%', 'zq_', 'zq\\', 'zq;--', 'zq"', 'zq) OR 1=1', 'zq\0', 'zq NEAR', 'zq*');
const quotedValue = fc
  .array(fc.oneof(zqWord, nasty, fc.constantFrom(' ', 'OR', 'AND', '\\"', '\\\\', ':', '(', ')')), { minLength: 1, maxLength: 4 })
  .map((parts) => `"${parts.join('')}"`);
const typedValue = fc.constantFrom(
  '2025-01-01', '2025-01-01T10:00:00Z', '2025-13-01', '10.0.0.0/8', '2001:db8::/32', '10.0.*', '::1', '1.2.3.999',
  '42', '-1', '99999999999999999999', 'zqfe80::1', '',
);
const fieldPrefix = fc
  .tuple(fc.constantFrom(...fieldNames(), 'zqnofield'), fc.constantFrom(':', ':', ':', '>=', '>', '<', '<='))
  .map(([f, op]) => f + op);
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fieldPrefix, fc.oneof(zqWord, quotedValue, typedValue, fc.constant('('))).map(([f, v]) => f + v) },
  { weight: 3, arbitrary: zqWord },
  { weight: 2, arbitrary: quotedValue },
  { weight: 1, arbitrary: nasty },
  { weight: 3, arbitrary: fc.constantFrom('AND', 'OR', 'NOT', '-', '(', ')', '"', '_exists_:actor', '_exists_:zqx') },
);
const grammarText = fc
  .array(fc.tuple(piece, fc.constantFrom(' ', ' ', '', '  ')), { maxLength: 12 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

describe('text built from the grammar', () => {
  it('never puts user text into SQL, and the SQL runs', () => {
    fc.assert(
      fc.property(grammarText, (text) => {
        checkAny(text);
        const r = attempt(text);
        if (!(r instanceof QuerySyntaxError)) expect(r.where.toLowerCase()).not.toContain('zq');
      }),
      { numRuns: 3000 },
    );
  });

  it('compiles often enough to mean something', () => {
    const samples = fc.sample(grammarText, { numRuns: 1000, seed: 42 });
    const compiled = samples.filter((t) => !(attempt(t) instanceof QuerySyntaxError) && t.trim() !== '');
    expect(compiled.length).toBeGreaterThan(100);
  });
});

// ---- model-based: queries generated with their meaning, checked against the database ----

type Row = FixtureEvent;
type Model =
  | { k: 'text'; field: string; cols: string[]; value: string; quoted: boolean }
  | { k: 'exists'; field: string; cols: string[] }
  | { k: 'ts'; op: string; day: string }
  | { k: 'id'; op: string; n: number }
  | { k: 'fts'; words: string[]; prefix: boolean }
  | { k: 'not'; dash: boolean; m: Model }
  | { k: 'and'; explicit: boolean; ms: Model[] }
  | { k: 'or'; ms: Model[] };

const TEXT_FIELDS: Record<string, string[]> = {
  outcome: ['outcome'], category: ['category'], severity: ['severity'], actor_role: ['actor_role'],
  actor: ['actor_id', 'actor_name', 'actor_email'], target: ['target_id', 'target_name'],
  message: ['message'], tenant: ['tenant'], user_agent: ['user_agent'],
};
const get = (e: Row, col: string): string | null | undefined =>
  col === 'tenant' ? TENANTS[e.tenant] : (e[col as keyof Row] as string | null | undefined);

const valuesOf = (cols: string[]): string[] =>
  [...new Set(EVENTS.flatMap((e) => cols.map((c) => get(e, c))).filter((v): v is string => typeof v === 'string' && v !== ''))];
const PATTERNS = ['a*', '*e*', '*.start', 'u?', '*@acme.com', 'B*', '*x', 's*ss', '*', '?', '*%*', '*_*', '*\\*'];

const textTerm = fc.constantFrom(...Object.keys(TEXT_FIELDS)).chain((field) => {
  const cols = TEXT_FIELDS[field] ?? [];
  const exact = fc
    .tuple(fc.constantFrom(...valuesOf(cols), 'zqnone'), fc.constantFrom('same', 'upper', 'lower'))
    .map(([v, c]) => (c === 'upper' ? v.toUpperCase() : c === 'lower' ? v.toLowerCase() : v));
  return fc.oneof(
    exact.map((value): Model => ({ k: 'text', field, cols, value, quoted: /[\s()"*?]/.test(value) || value.length % 2 === 0 })),
    fc.constantFrom(...PATTERNS).map((value): Model => ({ k: 'text', field, cols, value, quoted: false })),
  );
});
const leaf: fc.Arbitrary<Model> = fc.oneof(
  { weight: 4, arbitrary: textTerm },
  { weight: 1, arbitrary: fc.constantFrom(...Object.keys(TEXT_FIELDS), 'target_id', 'ip').map((field): Model => ({ k: 'exists', field, cols: field === 'ip' ? ['ip'] : (TEXT_FIELDS[field] ?? [field]) })) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('ts' as const), op: fc.constantFrom(':', '>=', '>', '<', '<='), day: fc.constantFrom('2024-12-31', '2025-01-01', '2025-01-02', '2025-02-01') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('id' as const), op: fc.constantFrom(':', '>=', '>', '<', '<='), n: fc.integer({ min: 0, max: 7 }) }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom('login', 'carol', 'policy', 'user', 'alice', 'succeeded', 'zqnone', 'acme', 'MFA', 'tor').map((w): Model => ({ k: 'fts', words: [w], prefix: false })),
      fc.constantFrom('log', 'sus', 'us', 'ca').map((w): Model => ({ k: 'fts', words: [w], prefix: true })),
      fc.constantFrom(['bad', 'password'], ['alice', 'smith'], ['password', 'bad'], ['exit', 'node']).map((words): Model => ({ k: 'fts', words: [...words], prefix: false })),
    ),
  },
);
const { node: modelArb } = fc.letrec<{ node: Model }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'model' },
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('not' as const), dash: fc.boolean(), m: tie('node') }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('and' as const), explicit: fc.boolean(), ms: fc.array(tie('node'), { minLength: 2, maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('or' as const), ms: fc.array(tie('node'), { minLength: 2, maxLength: 4 }) }) },
  ),
}));

const quote = (v: string): string => `"${v.replace(/[\\"]/g, '\\$&')}"`;

function render(m: Model): string {
  switch (m.k) {
    case 'text':
      return `${m.field}:${m.quoted ? quote(m.value) : m.value}`;
    case 'exists':
      return `_exists_:${m.field}`;
    case 'ts':
      return `ts${m.op}${m.day}`;
    case 'id':
      return `id${m.op}${m.n}`;
    case 'fts':
      return m.words.length > 1 ? quote(m.words.join(' ')) : `${m.words[0]}${m.prefix ? '*' : ''}`;
    case 'not':
      return `${m.dash ? '-' : 'NOT '}${render(m.m)}`;
    case 'and':
      return `(${m.ms.map(render).join(m.explicit ? ' AND ' : ' ')})`;
    case 'or':
      return `(${m.ms.map(render).join(' OR ')})`;
  }
}

const wildcardRegex = (p: string): RegExp =>
  new RegExp(`^${p.replace(/[.+^${}()|[\]\\%_]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'is');
const tokens = (s: string): string[] => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

function evaluate(m: Model, e: Row): boolean {
  switch (m.k) {
    case 'text': {
      const wild = !m.quoted && /[*?]/.test(m.value);
      return m.cols.some((c) => {
        const v = get(e, c);
        if (v === null || v === undefined) return false;
        return wild ? wildcardRegex(m.value).test(v) : v.toLowerCase() === m.value.toLowerCase();
      });
    }
    case 'exists':
      return m.cols.some((c) => {
        const v = get(e, c);
        return v !== null && v !== undefined && v !== '';
      });
    case 'ts': {
      const lo = Date.parse(`${m.day}T00:00:00Z`);
      const hi = lo + 86_400_000;
      const ts = Date.parse(e.ts);
      return { ':': ts >= lo && ts < hi, '>=': ts >= lo, '>': ts >= hi, '<': ts < lo, '<=': ts < hi }[m.op] ?? false;
    }
    case 'id':
      return { ':': e.id === m.n, '>=': e.id >= m.n, '>': e.id > m.n, '<': e.id < m.n, '<=': e.id <= m.n }[m.op] ?? false;
    case 'fts': {
      const doc = tokens(ftsDoc(e));
      const words = m.words.map((w) => w.toLowerCase());
      return doc.some((_, i) =>
        words.every((w, j) => {
          const t = doc[i + j];
          return t !== undefined && (m.prefix && j === words.length - 1 ? t.startsWith(w) : t === w);
        }),
      );
    }
    case 'not':
      return !evaluate(m.m, e);
    case 'and':
      return m.ms.every((x) => evaluate(x, e));
    case 'or':
      return m.ms.some((x) => evaluate(x, e));
  }
}

describe('queries built from a model', () => {
  it('select exactly the events the model selects', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const text = render(m);
        const q = compileQuery(text);
        checkCompiled(text, q);
        const expected = EVENTS.filter((e) => evaluate(m, e)).map((e) => e.id);
        expect(matchIds(db, q), text).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });
});
