/**
 * Differential: random Sigma detections and random events give the same matches in SQL
 * (main/rules/sql.ts over SQLite's JSON functions) as in a separately written evaluator.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ftsPrefilter } from '../../../main/rules/fts-prefilter.ts';
import { loadSigma } from '../../../main/rules/load.ts';
import { evaluate } from '../../support/sigma-evaluator.ts';
import { sigmaHarness } from '../../support/sigma-harness.ts';

const FIELDS = ['a', 'b', 'n', 'o.p', 'o.q', 't.x', 't.y.z'];
const text = fc.constantFrom('x', 'X', 'xy', 'Yx', 'a*b', 'x?', '', '1', '10', 'true', '%', '_', 'ü', 'Ü', 'x y');
const scalar = fc.oneof(text, fc.integer({ min: -3, max: 12 }), fc.boolean(), fc.constant(null));
const leafValue = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) });
const obj = (keys: string[]) => fc.record(Object.fromEntries(keys.map((k) => [k, leafValue])), { requiredKeys: [] });
const eventArb = fc.record(
  {
    a: leafValue,
    b: leafValue,
    n: leafValue,
    o: fc.oneof(obj(['p', 'q']), fc.array(obj(['p', 'q']), { maxLength: 2 }), scalar),
    t: fc.oneof(
      fc.array(fc.oneof(fc.record({ x: leafValue, y: fc.oneof(obj(['z']), fc.array(obj(['z']), { maxLength: 2 })) }, { requiredKeys: [] }), scalar), { maxLength: 3 }),
      obj(['x']),
    ),
  },
  { requiredKeys: [] },
);

const patternValue = fc.oneof(text, fc.constantFrom('x*', '*y', '?', '*', 'x\\*', 'x?y'), fc.integer({ min: 0, max: 10 }));
const entryArb: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom('', '|contains', '|startswith', '|endswith', '|cased', '|contains|cased', '|neq'), fc.oneof(patternValue, fc.array(patternValue, { minLength: 1, maxLength: 3 })))
    .map(([f, m, v]) => [f + m, v] as [string, unknown]),
  fc.tuple(fc.constantFrom(...FIELDS), fc.array(patternValue, { minLength: 2, maxLength: 3 })).map(([f, v]) => [`${f}|contains|all`, v] as [string, unknown]),
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom('|gt', '|gte', '|lt', '|lte'), fc.integer({ min: -2, max: 11 })).map(([f, m, v]) => [f + m, v] as [string, unknown]),
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom('^x', 'y$', 'x|1', '^$', '[0-9]+'), fc.constantFrom('|re', '|re|i')).map(([f, v, m]) => [f + m, v] as [string, unknown]),
  fc.tuple(fc.constantFrom(...FIELDS), fc.boolean()).map(([f, v]) => [`${f}|exists`, v] as [string, unknown]),
  fc.constantFrom(...FIELDS).map((f) => [f, null] as [string, unknown]),
  fc.tuple(fc.constantFrom('a', 'b', 'n', 'o.p'), fc.constantFrom('a', 'b', 'o.q'), fc.constantFrom('', '|contains', '|startswith', '|endswith'))
    .map(([f, g, m]) => [`${f}|fieldref${m}`, g] as [string, unknown]),
);
const selectionArb = fc.oneof(
  { weight: 5, arbitrary: fc.uniqueArray(entryArb, { minLength: 1, maxLength: 3, selector: ([k]) => k }).map((es) => Object.fromEntries(es)) },
  { weight: 1, arbitrary: fc.array(fc.uniqueArray(entryArb, { minLength: 1, maxLength: 2, selector: ([k]) => k }).map((es) => Object.fromEntries(es)), { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('x', 'ü', '"a"', 'true', 'x*y', '1?'), { minLength: 1, maxLength: 2 }) },
);
/** Selections of plain words and phrases, the values a full-text prefilter can use. */
const wordValue = fc.constantFrom('x', 'X', 'xy', 'Yx', 'x y', 'true', 'x*y', '*x y*', 'y x?', 'ü x');
const wordSelectionArb = fc
  .tuple(fc.constantFrom(...FIELDS), fc.constantFrom('', '|contains', '|startswith', '|endswith', '|cased'), fc.oneof(wordValue, fc.array(wordValue, { minLength: 1, maxLength: 2 })))
  .map(([f, m, v]) => ({ [f + m]: v }));
/** Events whose fields often hold those words, so the rules match (and can be missed) often. */
const wordyLeaf = fc.oneof(wordValue, leafValue, fc.array(wordValue, { maxLength: 2 }));
const wordyEventArb = fc.record(
  { a: wordyLeaf, b: wordyLeaf, n: leafValue, o: fc.oneof(fc.record({ p: wordyLeaf, q: wordyLeaf }, { requiredKeys: [] }), scalar), t: fc.record({ x: wordyLeaf }, { requiredKeys: [] }) },
  { requiredKeys: [] },
);
const conditionArb: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('s0', 's1', 's2', '1 of s*', 'all of s*', '1 of them', 'all of them'),
    fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('c').map((a) => `not ${a}`),
  ),
})).c;

/** The JSON text with some letters, digits and spaces inside its strings written as \u00XX escapes (chosen by `seed`). */
function escapeSome(json: string, seed: number): string {
  let out = '';
  let inString = false;
  let state = seed;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!;
    if (inString && ch === '\\') {
      out += ch + json[++i];
      continue;
    }
    if (ch === '"') inString = !inString;
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += inString && /[A-Za-z0-9 ]/.test(ch) && (state >>> 16) % 2 === 0 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

describe('SQL compiler vs in-memory evaluator', () => {
  it('random rules over random events match the same events', () => {
    const h = sigmaHarness();
    fc.assert(
      fc.property(fc.tuple(selectionArb, selectionArb, selectionArb), conditionArb, fc.array(eventArb, { minLength: 1, maxLength: 12 }), (sels, condition, events) => {
        const detection = { s0: sels[0], s1: sels[1], s2: sels[2], condition };
        const doc = stringify({ title: 'random', id: 'r', logsource: { product: 'okta' }, detection });
        const [rule] = loadSigma(doc, 'random.yml');
        if (!rule || rule.kind !== 'detection') return; // e.g. null with modifiers: refused, nothing to compare
        h.load(events);
        const sql = h.matchCond(rule.cond);
        const mem = events.flatMap((ev, i) => (evaluate(rule.cond, ev as never, JSON.stringify(ev)) ? [i] : []));
        expect(sql).toEqual(mem);
      }),
      { numRuns: 400, seed: 1125 },
    );
  });

  it('the sweep, reading through the full-text index, matches the same events, escaped or not', () => {
    const h = sigmaHarness();
    let prefiltered = 0;
    let escapedIndexedMatches = 0;
    fc.assert(
      fc.property(wordSelectionArb, fc.tuple(selectionArb, selectionArb, selectionArb), fc.oneof(fc.constant('w'), conditionArb.map((c) => `w and ${c}`)), fc.array(fc.tuple(wordyEventArb, fc.nat()), { minLength: 1, maxLength: 12 }), (words, sels, condition, pairs) => {
        // A selection of words, alone or ANDed, so most rules have a prefilter (the random condition alone seldom does).
        const detection = { w: words, s0: sels[0], s1: sels[1], s2: sels[2], condition };
        const [rule] = loadSigma(stringify({ title: 'random', id: 'r', logsource: { product: 'okta' }, detection }), 'random.yml');
        if (!rule || rule.kind !== 'detection') return;
        if (ftsPrefilter(rule.cond) !== null) prefiltered++;
        // Strict JSON may write any character as \u00XX: half the events are written so, at random.
        const raws = pairs.map(([ev, seed]) => (seed % 2 === 0 ? JSON.stringify(ev) : escapeSome(JSON.stringify(ev), seed)));
        h.load(raws);
        const mem = raws.flatMap((raw, i) => (evaluate(rule.cond, JSON.parse(raw) as never, raw) ? [i] : []));
        expect(h.matchSwept(rule)).toEqual(mem);
        // Matches the index holds with an escape in them: what a prefilter without its escape guard would lose.
        escapedIndexedMatches += mem.filter((i) => i < Math.floor(raws.length / 2) && raws[i]!.includes('\\u00')).length;
      }),
      { numRuns: 400, seed: 1207 },
    );
    // Not vacuous: many of the random rules had a full-text prefilter to get wrong.
    expect(prefiltered).toBeGreaterThan(100);
    expect(escapedIndexedMatches).toBeGreaterThan(20);
  });

  it('the generator reaches rules that load (not only refusals)', () => {
    const loaded = fc.sample(fc.tuple(selectionArb, selectionArb, selectionArb, conditionArb), { numRuns: 200, seed: 7 }).filter(([a, b, c, condition]) => {
      const [rule] = loadSigma(stringify({ title: 't', logsource: { product: 'okta' }, detection: { s0: a, s1: b, s2: c, condition } }), 'x.yml');
      return rule?.kind === 'detection';
    });
    expect(loaded.length).toBeGreaterThan(100);
  });
});
