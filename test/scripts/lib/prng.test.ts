/**
 * The repository's one seeded PRNG: pinned sequences for both seedings (the demo's text seeds and
 * the simulator's numeric streams, so a change to the core that would rewrite resources/demo or
 * the bench's data fails here first), the draws' ranges, and clear errors on bad arguments.
 */
import { describe, expect, it } from 'vitest';
import { Rng, Weighted, zipf } from '../../../scripts/lib/prng.ts';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.u32());

describe('Rng', () => {
  it('a text seed gives the sequence the demo set was built from', () => {
    // Values of the demo's generator before it moved here (scripts/demo/prng.ts at 624eddc).
    expect(draws(new Rng('2025-demo/okta/contoso'), 4)).toEqual([1674123829, 298695612, 3792877045, 768537163]);
    expect(new Rng('x').uuid()).toBe('79b7f885-3c6d-486e-8b40-bf53c166c2d0');
  });

  it('a numeric seed and stream give the sequence the bench simulator was built from', () => {
    // Values of test/sim's own generator before it moved here (624eddc).
    expect(draws(new Rng(1, 1000), 4)).toEqual([1255063126, 3717836323, 3503593741, 2421498505]);
    expect(new Rng(1, 1000).fastUuid()).toBe('56be23ae-0d99-4922-ac86-590d7f12828f');
  });

  it('the same seed repeats; another seed or stream does not', () => {
    expect(draws(new Rng('a'), 50)).toEqual(draws(new Rng('a'), 50));
    expect(draws(new Rng(5, 2), 50)).toEqual(draws(new Rng(5, 2), 50));
    expect(draws(new Rng('a'), 50)).not.toEqual(draws(new Rng('b'), 50));
    expect(draws(new Rng(5, 2), 50)).not.toEqual(draws(new Rng(5, 3), 50));
    expect(draws(new Rng(5, 2), 50)).not.toEqual(draws(new Rng(6, 2), 50));
  });

  it('draws stay in their ranges and cover them', () => {
    const rng = new Rng('ranges');
    const ints = new Set<number>();
    const belows = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      ints.add(rng.int(-2, 3));
      belows.add(rng.below(4));
    }
    expect([...ints].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect([...belows].sort()).toEqual([0, 1, 2, 3]);
    expect(rng.fastChars('ab', 40)).toMatch(/^[ab]{40}$/);
    expect(rng.chars('xyz', 7)).toMatch(/^[xyz]{7}$/);
    expect(rng.fastHex(7)).toMatch(/^[0-9a-f]{7}$/);
    expect(rng.fastUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses bad arguments with a sentence that names them', () => {
    expect(() => new Rng('a', 1)).toThrow('A text seed has no streams');
    expect(() => new Rng(1.5)).toThrow('A numeric seed and stream must be integers, got 1.5 and 0.');
    expect(() => new Rng('a').pick([])).toThrow('pick from an empty list');
    expect(() => new Rng('a').fastChars('x'.repeat(63), 3)).toThrow('fastChars takes at most 62 letters, got 63.');
  });
});

describe('Weighted', () => {
  it('picks by weight (a seeded draw, so the counts are fixed, and near the weights)', () => {
    const w = new Weighted(['a', 'b', 'c'], [1, 2, 7]);
    const rng = new Rng('weighted');
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[w.pick(rng) as 'a' | 'b' | 'c']++;
    expect(Math.abs(counts.a - 1000)).toBeLessThan(150);
    expect(Math.abs(counts.b - 2000)).toBeLessThan(200);
    expect(Math.abs(counts.c - 7000)).toBeLessThan(250);
  });

  it('never picks a zero weight, and refuses a weight list of the wrong length', () => {
    const w = new Weighted(['never', 'always'], [0, 1]);
    const rng = new Rng(3);
    for (let i = 0; i < 1000; i++) expect(w.pick(rng)).toBe('always');
    expect(() => new Weighted(['a', 'b'], [1])).toThrow('Weighted needs one weight per item and at least one item, got 2 items and 1 weights.');
  });

  it('zipf weights fall with rank', () => {
    const z = zipf(5, 1, 1);
    expect(z[0]).toBe(1);
    expect(z[4]).toBeCloseTo(0.2);
    for (let i = 1; i < z.length; i++) expect(z[i]!).toBeLessThan(z[i - 1]!);
  });
});
