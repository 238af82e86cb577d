/**
 * The one seeded PRNG of the repository (sfc32: small, fast, 128 bits of state, so a million
 * uuids do not repeat), used by the demo builder (scripts/demo), the bench's simulator
 * (test/sim) and the test fixtures. Math.random and the clock are never used by generators: the
 * same seed gives the same bytes on every run and every machine.
 *
 * Two seedings share one core: a text seed hashed with cyrb128 (the demo's), and a number plus a
 * stream number (the simulator's: one independent stream per tenant). Changing the core or either
 * seeding changes resources/demo, which must stay byte-identical (scripts/make-demo.ts).
 */

function cyrb128(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64URL = `${BASE62}-_`;
const HEX = '0123456789abcdef';
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * A text seed (hashed with cyrb128), or a numeric seed and a stream number: streams of one seed
   * are independent, so each tenant of the simulator can be generated alone.
   */
  constructor(seed: string | number, stream = 0) {
    if (typeof seed === 'string') {
      if (stream !== 0) throw new Error('A text seed has no streams: put the stream in the text.');
      [this.a, this.b, this.c, this.d] = cyrb128(seed);
      for (let i = 0; i < 15; i++) this.u32();
    } else {
      if (!Number.isInteger(seed) || !Number.isInteger(stream)) throw new Error(`A numeric seed and stream must be integers, got ${seed} and ${stream}.`);
      this.a = 0x9e3779b9 ^ seed;
      this.b = 0x243f6a88 ^ Math.imul(stream + 1, 0x85ebca6b);
      this.c = 0xb7e15162 ^ Math.imul(seed + 0x632be5ab, 0xc2b2ae35);
      this.d = 0;
      for (let i = 0; i < 20; i++) this.u32();
    }
  }

  /** Uniform 32-bit unsigned integer: the core step. */
  u32(): number {
    const sum = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (sum + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** An index drawn with the given (non-negative) weights, in O(n); see Weighted for O(log n). */
  weightedIndex(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    const pair = pairs[this.weightedIndex(pairs.map((p) => p[1]))];
    if (pair === undefined) throw new Error('weighted pick from an empty list');
    return pair[0];
  }

  /** `length` letters of `alphabet`, one draw each. */
  chars(alphabet: string, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  base62(length: number): string {
    return this.chars(BASE62, length);
  }

  base64url(length: number): string {
    return this.chars(BASE64URL, length);
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  // The fast variants draw several symbols from one 32-bit number: for generators that make
  // millions of ids (the bench), where one draw per letter is most of the time spent.

  /** `length` letters of `alphabet` (at most 62 letters), five per draw. */
  fastChars(alphabet: string, length: number): string {
    const k = alphabet.length;
    if (k > 62) throw new Error(`fastChars takes at most 62 letters, got ${k}.`);
    let s = '';
    let x = 0;
    for (let i = 0; i < length; i++) {
      if (i % 5 === 0) x = this.u32();
      s += alphabet[x % k];
      x = Math.floor(x / k);
    }
    return s;
  }

  /** `length` hex digits, four per draw. */
  fastHex(length: number): string {
    let s = '';
    for (let i = 0; i < length; i += 4) {
      const x = this.u32();
      s += HEX2[x & 0xff]! + HEX2[(x >>> 8) & 0xff]!;
    }
    return s.length === length ? s : s.slice(0, length);
  }

  /** A version-4-shaped UUID from fastHex. */
  fastUuid(): string {
    const h = this.fastHex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.below(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** Picks items by fixed weights in O(log n) (a cumulative table and a binary search). */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error(`Weighted needs one weight per item and at least one item, got ${items.length} items and ${weights.length} weights.`);
    }
    this.items = items;
    this.cum = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cum[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cum[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/** Weights 1/(i+offset)^s for ranks i = 0..n-1: a Zipf-like skew. */
export const zipf = (n: number, s: number, offset = 1): number[] => Array.from({ length: n }, (_, i) => 1 / (i + offset) ** s);
