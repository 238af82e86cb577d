/**
 * Issue 7, item 11: events.histogram with from -1, to 1 and one bucket spun for seconds, and a
 * range to 2^53-1 answered 500. The contract now bounds range ends (years 1–9999) and asks for
 * at least two buckets (400 otherwise), and choosing a bucket size is a few steps for any input.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../common/contract.ts';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { chooseBucketMs, histogram } from '../../../main/store/reader.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, makeEvents, removeTempDirs, tempDir } from './fixtures.ts';

const DAY = 86_400_000;
const FIRST_MS = -62_135_596_800_000; // 0001-01-01
const END_MS = 253_402_300_800_000; // 10000-01-01
let db: ReadDb;

beforeAll(() => {
  const path = join(tempDir(), 'histogram.trailkeeper');
  const w = openWorkspaceForWrite(path);
  const tenantId = ensureTenant(w, ensureConnection(w, { kind: 'okta', label: 'H', baseUrl: null }), { externalId: 'h', name: 'H', groups: [] });
  new EventWriter(w).ingestBatch({ tenantId, events: makeEvents(3, 200) });
  closeWorkspace(w);
  db = openWorkspaceForRead(path);
});

afterAll(() => {
  db?.close();
  removeTempDirs();
});

const input = (from: number | null, to: number | null, maxBuckets?: number) =>
  calls['events.histogram'].input.safeParse({ view: { scope: { kind: 'all' }, range: { from, to }, query: '' }, ...(maxBuckets ? { maxBuckets } : {}) });

describe('events.histogram input', () => {
  it('refuses range ends outside the years 1–9999 and a single bucket (400, with the field)', () => {
    const huge = input(0, 2 ** 53 - 1);
    expect(huge.success).toBe(false);
    expect(huge.error?.issues[0]?.path).toEqual(['view', 'range', 'to']);
    expect(huge.error?.issues[0]?.message).toMatch(/years 1 to 9999/);
    expect(input(-(2 ** 53 - 1), 0).success).toBe(false);
    const one = input(-1, 1, 1);
    expect(one.success).toBe(false);
    expect(one.error?.issues[0]?.path).toEqual(['maxBuckets']);
    expect(input(FIRST_MS, END_MS, 2).success).toBe(true);
    expect(input(-1, 1, 2).success).toBe(true);
  });
});

describe('histogram over extreme but valid ranges', () => {
  const cases: [string, number, number, number][] = [
    ['-1 to 1 in two buckets', -1, 1, 2],
    ['year 1 to 9999 in two buckets', FIRST_MS, END_MS, 2],
    ['year 1 to 9999 in 2000 buckets', FIRST_MS, END_MS, 2000],
    ['1970 to 9999 in 3 buckets', 0, END_MS, 3],
    ['one day across 1970 in 120 buckets', -DAY / 2, DAY / 2, 120],
  ];
  for (const [name, from, to, maxBuckets] of cases) {
    it(`${name}: aligned, within maxBuckets, every event counted, exact integers`, () => {
      const h = histogram(db, { scope: { kind: 'all' }, range: { from, to }, query: '' }, maxBuckets);
      expect(Number.isSafeInteger(h.bucketMs)).toBe(true);
      const inRange = makeEvents(3, 200).filter((e) => e.ts >= from && e.ts < to).length;
      expect(h.buckets.reduce((n, b) => n + b.count, 0)).toBe(inRange);
      for (const b of h.buckets) {
        expect(Number.isSafeInteger(b.start)).toBe(true);
        expect(b.start % h.bucketMs).toBe(0);
      }
      const origin = Math.floor(from / h.bucketMs) * h.bucketMs;
      expect(Math.ceil((to - origin) / h.bucketMs)).toBeLessThanOrEqual(maxBuckets);
    });
  }
});

describe('chooseBucketMs', () => {
  it('answers for a range across 1970 with one bucket (it spun for seconds): two buckets, the only aligned answer', () => {
    const size = chooseBucketMs(2, 1, -1);
    expect(Number.isSafeInteger(size)).toBe(true);
    expect(Math.ceil((1 - Math.floor(-1 / size) * size) / size)).toBe(2);
  });

  it('finds one bucket where one aligned bucket exists', () => {
    const from = BASE_TS + 3 * DAY;
    const size = chooseBucketMs(400 * DAY, 1, from);
    expect(Math.ceil((from + 400 * DAY - Math.floor(from / size) * size) / size)).toBe(1);
  });
});
