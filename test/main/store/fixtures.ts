/**
 * Deterministic test data for the store tests: NormalizedEvents from a seeded PRNG, and temporary
 * workspace directories. No vitest import here: crash-child.ts runs this file under plain Node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizedEvent, type NormalizedEvent } from '../../../main/domain/event.ts';
import type { Activity, Category, Outcome } from '../../../main/domain/event.ts';
import { Rng } from '../../../scripts/lib/prng.ts';

/** Uniform draws in [0, 1) from the repository's one seeded PRNG: the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** Fisher–Yates with the given PRNG. */
export function shuffled<T>(rng: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const BASE_TS = Date.UTC(2025, 0, 1);
const MINUTE = 60_000;

const CATEGORIES: readonly Category[] = ['auth', 'user', 'access', 'app', 'config', 'security'];
const ACTIVITIES: readonly Activity[] = ['create', 'read', 'update', 'delete', 'login', 'logout', 'other'];
const OUTCOMES: readonly Outcome[] = ['success', 'failure', 'unknown'];
const ACTIONS = ['user.session.start', 'user.account.update', 'app.oauth.grant', 'policy.rule.update', 'group.member.add'];
const PEOPLE = [
  { name: 'Alice Archer', email: 'alice@acme.test' },
  { name: 'Bob Baker', email: 'bob@acme.test' },
  { name: 'Carol Chen', email: 'carol@acme.test' },
  { name: 'Dan Diaz', email: 'dan@acme.test' },
  { name: 'Erin Egan', email: 'erin@acme.test' },
];
const IPS = ['10.0.0.1', '10.0.0.2', '192.168.1.20', '2001:db8::1', '203.0.113.7', null];
const COUNTRIES = ['US', 'DE', 'FR', null];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

export interface EventOptions {
  /** Prefix of every source id (source ids are `${prefix}-${index}`). */
  prefix?: string;
  /** Earliest timestamp. */
  startTs?: number;
  /** Timestamps fall on whole minutes in [startTs, startTs + minutes·60 s), so equal ones repeat. */
  minutes?: number;
}

/** `count` events, the same for the same seed and options. */
export function makeEvents(seed: number, count: number, opts: EventOptions = {}): NormalizedEvent[] {
  const rng = prng(seed);
  const { prefix = `s${seed}`, startTs = BASE_TS, minutes = 60 * 24 } = opts;
  const events: NormalizedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const ts = startTs + Math.floor(rng() * minutes) * MINUTE;
    const person = pick(rng, PEOPLE);
    const action = pick(rng, ACTIONS);
    const outcome = pick(rng, OUTCOMES);
    const ip = pick(rng, IPS);
    const word = pick(rng, WORDS);
    const sourceId = `${prefix}-${i}`;
    const tsRaw = new Date(ts).toISOString();
    const raw = JSON.stringify({ uuid: sourceId, published: tsRaw, eventType: action, actor: person.email, ip, note: word });
    events.push(
      normalizedEvent({
        sourceId,
        ts,
        tsRaw,
        action,
        raw,
        category: pick(rng, CATEGORIES),
        activity: pick(rng, ACTIVITIES),
        outcome,
        severity: outcome === 'failure' ? 'WARN' : 'INFO',
        actorType: 'User',
        actorId: person.email.split('@')[0]!,
        actorName: person.name,
        actorEmail: person.email,
        targetType: 'App',
        targetId: `app-${Math.floor(rng() * 5)}`,
        targetName: `App ${Math.floor(rng() * 5)}`,
        ip,
        geoCountry: pick(rng, COUNTRIES),
        message: `${action} by ${person.name} (${word})`,
      }),
    );
  }
  return events;
}

/** Splits `items` into consecutive batches of `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const dirs: string[] = [];

/** A fresh directory under the OS temp dir; removed by removeTempDirs(). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trailkeeper-store-'));
  dirs.push(dir);
  return dir;
}

/** A path for a new workspace file in a fresh temp dir (the file does not exist yet). */
export function tempWorkspacePath(name = 'workspace.trailkeeper'): string {
  return join(tempDir(), name);
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/* ------------------------------------------------------------------------------------------------
 * The crash-safety sequence, shared by crash-child.ts (which writes it) and the test (which checks
 * it). Batch n holds CRASH_BATCH_SIZE new events `b<n>-<i>` and re-sends the last
 * CRASH_RESEND events of batch n-1, which the writer must count as duplicates.
 * --------------------------------------------------------------------------------------------- */
// Small batches: the kills are random in time, so many short transactions give many commit
// points to land between and keep the workspace small enough to check fully after every kill.
export const CRASH_BATCH_SIZE = 25;
export const CRASH_RESEND = 5;

function crashNewEvents(seed: number, n: number): NormalizedEvent[] {
  return makeEvents(seed * 100_003 + n, CRASH_BATCH_SIZE, {
    prefix: `b${n}`,
    startTs: BASE_TS + n * 60 * MINUTE,
    minutes: 60,
  });
}

export function crashBatch(seed: number, n: number): NormalizedEvent[] {
  const fresh = crashNewEvents(seed, n);
  if (n === 0) return fresh;
  return [...fresh, ...crashNewEvents(seed, n - 1).slice(-CRASH_RESEND)];
}

/** The events batch n adds to the store (its own new events). */
export function crashBatchNew(seed: number, n: number): NormalizedEvent[] {
  return crashNewEvents(seed, n);
}

export function maxTs(events: readonly NormalizedEvent[]): number {
  return events.reduce((m, e) => Math.max(m, e.ts), -Infinity);
}

export const CRASH_CONNECTION = { kind: 'okta', label: 'crash-test', baseUrl: null } as const;
export const CRASH_TENANT = { externalId: 'crash-org', name: 'Crash Org', groups: ['crash'] } as const;
