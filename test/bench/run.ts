/**
 * `npm run bench`: the docs/design.md §7 figures on this machine, printed and kept in
 * test-results/bench.json for run-to-run comparison. Never a timed test: nothing here fails on
 * a slow figure; the final table marks each against its target.
 *
 *   BENCH_EVENTS=100000   events to ingest (default 1,000,000)
 *   BENCH_RUNS=20         timed runs per view
 *   BENCH_BATCH_BYTES=…   raw bytes per ingest batch (default 4 MiB)
 *   BENCH_KEEP=1          keep the workspace file (its path is printed)
 *   BENCH_DBSTAT=0        skip the per-table/index disk breakdown
 *   BENCH_TRACE_FTS=1     print RSS and its parts every 5 s of the full-text catch-up
 *   BENCH_STOP_AFTER=fts  stop once full text has caught up (memory investigations)
 *
 * Ingest goes through the real store: StoreHost → writer worker → insert, FTS, hash chain. The
 * simulator (test/sim) writes raw Okta records and normalises them with the app's own Okta
 * normaliser, so the rows are what an import would store; HTTP and JSON parsing are not in the
 * figure. The bench prints the stored mix (categories, outcomes) and checks it against what the
 * simulator meant to make. Reads go through StoreHost's reader workers, timed from this thread (what a
 * caller waits, including the worker round trip), newest first, 100 rows.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { StoreHost } from '../../main/store-host/store-host.ts';
import type { View } from '../../main/store/view-sql.ts';
import { addCounts, addToMix, emptyMix, shares } from '../sim/event-mix.ts';
import { buildWorld, generateEvents, type SimOptions } from '../sim/generate-events.ts';
import { UNCLASSIFIED_BY_APP } from '../sim/okta-actions.ts';
import { bareInsertRate } from './bare-insert.ts';

const DAY = 86_400_000;
const MiB = 1024 * 1024;
const envNum = (name: string, dflt: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? dflt : Number(v);
};

const N = envNum('BENCH_EVENTS', 1_000_000);
const RUNS = Math.max(1, envNum('BENCH_RUNS', 20));
const BATCH_BYTES = envNum('BENCH_BATCH_BYTES', 4 * MiB);
const KEEP = process.env.BENCH_KEEP === '1';
const DBSTAT = process.env.BENCH_DBSTAT !== '0';
/** A view slower than this on average over its first 3 runs gets 5 runs, not RUNS (keeps the bench < 5 min). */
const SLOW_MS = 2_000;

const benchStart = performance.now();
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const log = (s: string) => console.log(s);
/** Time since the start, and the process's peak RSS so far: which phase sets the peak. */
const elapsed = () => `${((performance.now() - benchStart) / 1000).toFixed(1)}s, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`;

// ---------------------------------------------------------------------------------------------
// Memory: whole-process RSS (main + workers + SQLite), and V8 heaps per thread where we can see them.

interface ThreadPeeks {
  writer: { worker: Worker };
  readers: { worker: Worker }[];
}
const mem = { rss: 0, mainHeap: 0, writerHeap: 0, readerHeap: 0 };
let host: StoreHost | null = null;

/** RSS and its parts (Linux): heap and other anonymous memory, mapped files, shared memory (SQLite's WAL index). */
function rssParts(): string {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return `rss ${fmt(process.memoryUsage().rss / MiB)} MiB (anon ${fmt(kb('RssAnon'))}, file ${fmt(kb('RssFile'))}, shmem ${fmt(kb('RssShmem'))})`;
}

async function sampleMemory(): Promise<void> {
  const m = process.memoryUsage();
  mem.rss = Math.max(mem.rss, m.rss);
  mem.mainHeap = Math.max(mem.mainHeap, m.heapUsed + m.external + m.arrayBuffers);
  if (!host) return;
  // A bench-only peek at the host's workers (private in TypeScript, plain fields at runtime).
  const peek = host as unknown as ThreadPeeks;
  const heapOf = async (w: Worker | undefined): Promise<number> => {
    const get = (w as unknown as { getHeapStatistics?: () => Promise<{ used_heap_size: number; external_memory: number }> } | undefined)
      ?.getHeapStatistics;
    if (!w || !get) return 0;
    try {
      const s = await get.call(w);
      return s.used_heap_size + s.external_memory;
    } catch {
      return 0; // the worker is exiting
    }
  };
  mem.writerHeap = Math.max(mem.writerHeap, await heapOf(peek.writer?.worker));
  for (const r of peek.readers ?? []) mem.readerHeap = Math.max(mem.readerHeap, await heapOf(r.worker));
}
const sampler = setInterval(() => void sampleMemory(), 200);
sampler.unref();

// ---------------------------------------------------------------------------------------------
// Stats helpers

const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

interface Figure {
  label: string;
  value: number;
  unit: string;
  /** Target from docs/design.md §7 and how to compare; absent for figures without one. */
  target?: { op: '>=' | '<='; value: number; note?: string };
  note?: string;
}
const figures = new Map<string, Figure>();
const fig = (key: string, f: Figure) => figures.set(key, f);

// ---------------------------------------------------------------------------------------------
// Workspace and ingest

const dir = mkdtempSync(join(tmpdir(), 'trailkeeper-bench-'));
const workspacePath = join(dir, 'bench.trailkeeper');
const workerUrl = new URL('../../main/store-worker/entry.ts', import.meta.url);
const now = Date.now();
const end = Math.floor(now / DAY) * DAY; // data runs up to today 00:00 UTC, so "last 7 days" means what it says
const simOpts: SimOptions = { total: N, seed: 1, end, batchBytes: BATCH_BYTES };
const world = buildWorld(simOpts);

log(`Trailkeeper bench: ${fmt(N)} events, ${world.tenants.length} tenants, ${world.days} days, batches ≤ ${fmt(BATCH_BYTES / MiB, 1)} MiB raw`);
log(`  node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '(unset: npm run bench sets 2, as npm run serve does)'}`);
log(`  workspace ${workspacePath}`);
const loadAtStart = loadavg()[0] ?? 0;

// The yardstick for the ingest figures: the same rows into a primary-key-only table, this run.
const bare = bareInsertRate(generateEvents(simOpts, world), Math.min(N, 200_000));
log(`  bare insert (primary key only, same rows, ${fmt(bare.events)} events): ${fmt(bare.rate)} ev/s`);
const ofBare = (rate: number) => `${fmt((rate / bare.rate) * 100)} % of bare insert`;
fig('ingest.bareInsertEventsPerSec', { label: 'bare insert of the same rows (primary key only)', value: bare.rate, unit: 'ev/s' });

host = await StoreHost.open({ workspacePath, workerUrl: pathToFileURL(fileURLToPath(workerUrl)), readers: 2 });
const peek = host as unknown as ThreadPeeks;

const connectionId = await host.write('ensureConnection', { kind: 'okta', label: 'bench', baseUrl: null });
const tenantIds: number[] = [];
for (const t of world.tenants) {
  tenantIds.push(await host.write('ensureTenant', { connectionId, tenant: { externalId: t.externalId, name: t.name, groups: t.groups } }));
}

// What the data holds, for picking query parameters that match real rows.
const emailCount = new Map<string, number>();
const blockCount = new Map<string, number>();

log(`\n[${elapsed()}] ingest`);
const ingestStart = performance.now();
const cpuStart = process.cpuUsage();
const eluMain0 = performance.eventLoopUtilization();
const eluWriter0 = peek.writer.worker.performance.eventLoopUtilization();
let ingested = 0;
let batches = 0;
let genMs = 0;
let nextMark = 100_000;
let lastMarkAt = ingestStart;
let lastMarkCount = 0;
const per100k: number[] = [];
const stored = emptyMix();
const intendedActions = new Map<string, number>();
const intendedOutcomes = new Map<string, number>();
const inflight: Promise<void>[] = [];
const iter = generateEvents(simOpts, world);
for (;;) {
  const g0 = performance.now();
  const step = iter.next();
  genMs += performance.now() - g0;
  if (step.done) break;
  const batch = step.value;
  addCounts(intendedActions, batch.intended.actions);
  addCounts(intendedOutcomes, batch.intended.outcomes);
  for (const e of batch.events) {
    addToMix(stored, e);
    if (e.actorEmail && e.actorType === 'User') emailCount.set(e.actorEmail, (emailCount.get(e.actorEmail) ?? 0) + 1);
    if (e.ip && !e.ip.includes(':')) {
      const block = `${e.ip.split('.', 2).join('.')}.0.0/16`;
      blockCount.set(block, (blockCount.get(block) ?? 0) + 1);
    }
  }
  const last = batch.events.at(-1);
  const count = batch.events.length;
  const p = host
    .write('ingestBatch', {
      tenantId: tenantIds[batch.tenant.index] ?? 0,
      events: batch.events,
      checkpoint: { cursor: last?.sourceId ?? null, highWater: last?.ts ?? null },
    })
    .then((r) => {
      if (r.inserted !== count) throw new Error(`batch inserted ${r.inserted} of ${count}`);
      ingested += count;
      batches++;
      while (ingested >= nextMark) {
        const t = performance.now();
        const rate = ((ingested - lastMarkCount) / (t - lastMarkAt)) * 1000;
        per100k.push(rate);
        const overall = (ingested / (t - ingestStart)) * 1000;
        log(
          `  ${fmt(ingested).padStart(9)} / ${fmt(N)}  this 100k ${fmt(rate).padStart(7)} ev/s   overall ${fmt(overall).padStart(7)} ev/s   rss ${fmt(process.memoryUsage().rss / MiB)} MiB`,
        );
        lastMarkAt = t;
        lastMarkCount = ingested;
        nextMark += 100_000;
      }
    });
  inflight.push(p);
  // Two batches in flight: the writer always has the next one while this thread makes another.
  if (inflight.length >= 2) await inflight.shift();
}
await Promise.all(inflight);
const ingestMs = performance.now() - ingestStart;
const cpu = process.cpuUsage(cpuStart);
const eluMain = performance.eventLoopUtilization(eluMain0);
const eluWriter = peek.writer.worker.performance.eventLoopUtilization(eluWriter0);
const ingestRate = (N / ingestMs) * 1000;
const writerRate = (N / eluWriter.active) * 1000;
log(
  `  done: ${fmt(N)} events in ${fmt(ingestMs / 1000, 1)} s = ${fmt(ingestRate)} ev/s (${batches} batches, ${fmt(N / batches)} events each)`,
);
log(
  `  writer thread busy ${fmt(eluWriter.utilization * 100)}% (${fmt(eluWriter.active / 1000, 1)} s → ${fmt(writerRate)} ev/s of writer time); ` +
    `main thread busy ${fmt(eluMain.utilization * 100)}% (generator ${fmt(genMs / 1000, 1)} s); process CPU ${fmt((cpu.user + cpu.system) / 1e6, 1)} s`,
);
const sameCounts = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) =>
  a.size === b.size && [...a].every(([k, n]) => b.get(k) === n);
const unclassified = [...stored.actions].filter(([a]) => UNCLASSIFIED_BY_APP.has(a)).reduce((s, [, n]) => s + n, 0);
log(`  stored mix: ${stored.actions.size} event types; categories ${shares(stored.categories, stored.total)}`);
log(`              outcomes ${shares(stored.outcomes, stored.total)}; types the app leaves unclassified ${fmt((unclassified / Math.max(stored.total, 1)) * 100, 1)} %`);
if (!sameCounts(stored.actions, intendedActions) || !sameCounts(stored.outcomes, intendedOutcomes)) {
  log('  WARNING: the stored action or outcome counts differ from what the simulator meant to make');
}
fig('ingest.eventsPerSec', {
  label: 'ingest to committed rows, simulator → store (no HTTP/parse)',
  value: ingestRate,
  unit: 'ev/s',
  target: { op: '>=', value: 80_000 },
  note: ofBare(ingestRate),
});
fig('ingest.writerEventsPerSec', { label: 'ingest, per second of writer-thread time', value: writerRate, unit: 'ev/s' });
fig('ingest.per100kMin', { label: 'ingest, slowest 100k', value: Math.min(...per100k), unit: 'ev/s' });
fig('ingest.per100kLast', { label: 'ingest, last 100k', value: per100k.at(-1) ?? NaN, unit: 'ev/s' });

// Full text may trail ingest (a background indexer): if the store has one, drain it now and time
// it, so the figure covers "searchable by full text" and the queries below see a complete index.
const anyRead = host.read.bind(host) as unknown as (op: string, args: unknown) => Promise<unknown>;
const anyWrite = host.write.bind(host) as unknown as (op: string, args: unknown) => Promise<unknown>;
const backlog = await anyRead('fullTextBacklog', {}).then(Number, () => null);
if (backlog !== null) {
  // BENCH_FTS_CONFIG="automerge=4,crisismerge=16": FTS5 settings to try on the catch-up (from a second connection, the writer idle; crisismerge=16 brings back the 10M spike).
  for (const [key, value] of (process.env.BENCH_FTS_CONFIG ?? '').split(',').filter(Boolean).map((kv) => kv.split('='))) {
    // Spelled out: FTS5 refuses these commands with bound parameters.
    if (!/^[a-z]+$/.test(key ?? '') || !Number.isInteger(Number(value))) throw new Error(`BENCH_FTS_CONFIG: ${key}=${value} is not a setting=integer`);
    const side = new Database(workspacePath);
    side.exec(`INSERT INTO events_fts (events_fts, rank) VALUES ('${key}', ${Number(value)})`);
    side.close();
    log(`  full-text setting ${key} = ${value}`);
  }
  log(`  full-text backlog after ingest: ${fmt(backlog)} events; draining it (write op indexFullText)`);
  const ft0 = performance.now();
  const eluWriterFts0 = peek.writer.worker.performance.eventLoopUtilization();
  // RSS while the catch-up runs (BENCH_TRACE_FTS=1): at 10M it set the peak (2 GiB) until migration 11 made FTS5 crisis-merge later.
  const ftsTrace = process.env.BENCH_TRACE_FTS === '1' ? setInterval(() => log(`    catch-up ${fmt((performance.now() - ft0) / 1000)} s: ${rssParts()}`), 5_000) : null;
  await anyWrite('indexFullText', {});
  if (ftsTrace) clearInterval(ftsTrace);
  const ftsMs = performance.now() - ft0;
  const left = Number(await anyRead('fullTextBacklog', {}));
  log(
    `  full text caught up in ${fmt(ftsMs / 1000, 1)} s (${fmt((backlog / Math.max(ftsMs, 1)) * 1000)} ev/s; writer busy ` +
      `${fmt(peek.writer.worker.performance.eventLoopUtilization(eluWriterFts0).utilization * 100)}%); backlog now ${fmt(left)} [${elapsed()}]`,
  );
  fig('ingest.ftsCatchUpEventsPerSec', { label: 'full-text catch-up after ingest', value: backlog > 0 ? (backlog / ftsMs) * 1000 : NaN, unit: 'ev/s' });
  fig('ingest.searchableEventsPerSec', {
    label: 'ingest until searchable by full text (incl. catch-up)',
    value: (N / (ingestMs + ftsMs)) * 1000,
    unit: 'ev/s',
    target: { op: '>=', value: 50_000 },
    note: ofBare((N / (ingestMs + ftsMs)) * 1000),
  });
}
if (process.env.BENCH_STOP_AFTER === 'fts') {
  log(`  BENCH_STOP_AFTER=fts: stopping here [${elapsed()}]`);
  await host?.close();
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
const walBefore = existsSync(`${workspacePath}-wal`) ? statSync(`${workspacePath}-wal`).size : 0;
log(`  file now ${fmt(statSync(workspacePath).size / MiB)} MiB + WAL ${fmt(walBefore / MiB)} MiB`);

// ---------------------------------------------------------------------------------------------
// First pages

const all = { kind: 'all' } as const;
const open = { from: null, to: null };
const view = (query: string, scope: View['scope'] = all, range: View['range'] = open): View => ({ scope, range, query });

const emails = [...emailCount].sort((a, b) => b[1] - a[1]);
/** 20 people from the busiest to the quietest, as an investigator might look up anyone. */
const pickedEmails = Array.from({ length: 20 }, (_, i) => emails[Math.floor((i * (emails.length - 1)) / 19)]?.[0] ?? '');
const blocks = [...blockCount].sort((a, b) => b[1] - a[1]).map(([b]) => b);
const pickedBlocks = Array.from({ length: 10 }, (_, i) => blocks[Math.floor((i * (blocks.length - 1)) / 9)] ?? '');
const groups = [...new Set(world.tenants.flatMap((t) => t.groups))].sort();
const spreadTenants = Array.from({ length: 20 }, (_, i) => tenantIds[Math.floor((i * (tenantIds.length - 1)) / 19)] ?? 1);
const words = ['salesforce', 'okonkwo', 'warsaw', 'fastpass', 'terraform', 'zendesk', 'kowalski', 'tokyo', 'firefox', 'impersonation'];
const phrases = ['"login to Okta"', '"Max sign in attempts exceeded"', '"Add user to group membership"', '"User rejected Okta push verify"', '"single sign on"'];

interface ViewCase {
  key: string;
  label: string;
  target: number;
  make(i: number): View;
}
const cases: ViewCase[] = [
  { key: 'all', label: 'all tenants', target: 50, make: () => view('') },
  { key: 'tenant', label: 'one tenant (20 tenants, big to small)', target: 50, make: (i) => view('', { kind: 'tenants', tenantIds: [spreadTenants[i % 20] ?? 1] }) },
  { key: 'actionPrefix', label: 'action:user.session*', target: 50, make: () => view('action:user.session*') },
  { key: 'actionRare', label: 'action:system.api_token.* (rare)', target: 50, make: () => view('action:system.api_token.*') },
  { key: 'actor', label: `actor:<email> (20 people, busiest to quietest)`, target: 50, make: (i) => view(`actor:${pickedEmails[i % 20]}`) },
  {
    key: 'failure7d',
    label: 'outcome:failure, last 7 days',
    target: 50,
    make: (i) => view('outcome:failure', all, { from: now - 7 * DAY - i * 3_600_000, to: now - i * 3_600_000 }),
  },
  { key: 'ip16', label: 'ip:<a /16> (10 blocks)', target: 50, make: (i) => view(`ip:${pickedBlocks[i % 10]}`) },
  { key: 'word', label: 'full text, one word (10 words)', target: 100, make: (i) => view(words[i % words.length] ?? 'okta') },
  { key: 'phrase', label: 'full text, quoted phrase (5 phrases)', target: 100, make: (i) => view(phrases[i % phrases.length] ?? '"okta"') },
  { key: 'not', label: 'NOT outcome:success', target: 50, make: () => view('NOT outcome:success') },
  { key: 'group', label: `group scope (${groups.length} groups)`, target: 50, make: (i) => view('', { kind: 'group', group: groups[i % groups.length] ?? '' }) },
  {
    key: 'actorAndAction',
    label: 'actor:<email> AND action:user.session*',
    target: 50,
    make: (i) => view(`actor:${pickedEmails[i % 20]} AND action:user.session*`),
  },
];

const page = async (v: View, after: { ts: number; id: number } | null = null) => {
  const t0 = performance.now();
  const r = await host!.read('page', { view: v, order: 'newest', after, limit: 100 });
  return { ms: performance.now() - t0, rows: r.rows.length, next: r.next };
};

log(`\n[${elapsed()}] first page, newest first, 100 rows (${RUNS} runs each; p50 / p95 / max ms)`);
const viewResults: Record<string, { p50: number; p95: number; max: number; runs: number; rows: number[]; slowest: { ms: number; what: string } }> = {};
for (const c of cases) {
  const times: number[] = [];
  const rows: number[] = [];
  let slowest = { ms: -1, what: '' };
  let runs = RUNS;
  for (let i = 0; i < runs; i++) {
    const v = c.make(i);
    const r = await page(v);
    times.push(r.ms);
    rows.push(r.rows);
    if (r.ms > slowest.ms) slowest = { ms: r.ms, what: v.scope.kind === 'all' ? v.query : `${JSON.stringify(v.scope)} ${v.query}`.trim() };
    if (i === 2 && times.reduce((a, b) => a + b, 0) / 3 > SLOW_MS) runs = Math.min(runs, 5);
  }
  const res = { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), runs: times.length, rows, slowest };
  viewResults[c.key] = res;
  const short = Math.min(...rows) < 100 ? `, fewest rows ${Math.min(...rows)}` : '';
  log(
    `  ${c.label.padEnd(48)} ${fmt(res.p50, 1).padStart(8)} ${fmt(res.p95, 1).padStart(8)} ${fmt(res.max, 1).padStart(8)}` +
      `${times.length < RUNS ? `  [only ${times.length} runs: slow]` : ''}  (slowest: ${slowest.what.slice(0, 60) || '—'}${short})`,
  );
  fig(`page.${c.key}.p95`, {
    label: `first page p95: ${c.label}`,
    value: res.p95,
    unit: 'ms',
    target: { op: '<=', value: c.target },
    ...(times.length < RUNS ? { note: `${times.length} runs` } : {}),
  });
}
const scopeSwitch = Math.max(viewResults.tenant?.p95 ?? NaN, viewResults.group?.p95 ?? NaN, viewResults.all?.p95 ?? NaN);
fig('scopeSwitch.p95', {
  label: 'scope switch, store part (worst p95 of all/tenant/group)',
  value: scopeSwitch,
  unit: 'ms',
  target: { op: '<=', value: 150, note: 'UI render not included' },
});

// Deep paging: walk 49 pages by keyset, time the 50th.
log(`\n[${elapsed()}] deep paging: page 50 via keyset (${RUNS} runs over 5 views)`);
const deepViews: [string, (i: number) => View][] = [
  ['all', () => view('')],
  ['tenant', (i) => view('', { kind: 'tenants', tenantIds: [spreadTenants[i % 20] ?? 1] })],
  ['action:user.session*', () => view('action:user.session*')],
  ['outcome:failure', () => view('outcome:failure')],
  ['group', (i) => view('', { kind: 'group', group: groups[i % groups.length] ?? '' })],
];
const deepTimes: number[] = [];
const deepBy = new Map<string, number[]>();
const walkTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const [deepName, make] = deepViews[i % deepViews.length]!;
  const v = make(i);
  let after: { ts: number; id: number } | null = null;
  const w0 = performance.now();
  let reached = true;
  for (let p = 1; p < 50; p++) {
    const r = await page(v, after);
    if (!r.next) {
      reached = false;
      break;
    }
    after = r.next;
  }
  walkTimes.push(performance.now() - w0);
  if (!reached) continue;
  const ms = (await page(v, after)).ms;
  deepTimes.push(ms);
  deepBy.set(deepName, [...(deepBy.get(deepName) ?? []), ms]);
}
log(
  `  page 50: p50 ${fmt(percentile(deepTimes, 50), 1)} ms, p95 ${fmt(percentile(deepTimes, 95), 1)} ms (${deepTimes.length} runs); ` +
    `walking pages 1–49: p50 ${fmt(percentile(walkTimes, 50))} ms`,
);
log(`  by view (max ms): ${[...deepBy].map(([k, xs]) => `${k} ${fmt(Math.max(...xs), 1)}`).join(', ')}`);
fig('page.deep50.p95', { label: 'page 50 via keyset p95', value: percentile(deepTimes, 95), unit: 'ms', target: { op: '<=', value: 50 } });

// ---------------------------------------------------------------------------------------------
// Count, histogram, top values

log(`\n[${elapsed()}] count, histogram (120 buckets), top-10 values (p50 of 5, ms)`);
const aggViews: [string, string, View][] = [
  ['all', 'all tenants', view('')],
  ['failure', 'outcome:failure', view('outcome:failure')],
  // Ranges that do not start or end at midnight, and one tenant.
  ['all30d', 'all tenants, last 30 days', view('', all, { from: now - 30 * DAY, to: now })],
  ['failure30d', 'outcome:failure, last 30 d', view('outcome:failure', all, { from: now - 30 * DAY, to: now })],
  ['tenant', 'one tenant', view('', { kind: 'tenants', tenantIds: [spreadTenants[0] ?? 1] })],
];
const timed = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
for (const [key, label, v] of aggViews) {
  const ops: [string, () => Promise<unknown>][] = [
    ['count', () => host!.read('count', { view: v })],
    ['histogram', () => host!.read('histogram', { view: v, maxBuckets: 120 })],
    ['top.action', () => host!.read('topValues', { view: v, field: 'action', limit: 10 })],
    ['top.actor_email', () => host!.read('topValues', { view: v, field: 'actor_email', limit: 10 })],
  ];
  const line: string[] = [];
  for (const [op, f] of ops) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await timed(f));
    const p50 = percentile(times, 50);
    line.push(`${op} ${fmt(p50)}`);
    fig(`agg.${key}.${op}.p50`, { label: `${op}: ${label}`, value: p50, unit: 'ms', target: { op: '<=', value: 300 } });
  }
  log(`  ${label.padEnd(18)} ${line.join('   ')}`);
}

// ---------------------------------------------------------------------------------------------
// Close (the writer checkpoints and truncates the WAL), then disk and memory

await sampleMemory();
log(`\n[${elapsed()}] close (PRAGMA optimize, wal_checkpoint(TRUNCATE))`);
const closeMs = await timed(() => host!.close());
host = null;
const dbBytes = statSync(workspacePath).size;
const walBytes = existsSync(`${workspacePath}-wal`) ? statSync(`${workspacePath}-wal`).size : 0;
log(`  close ${fmt(closeMs)} ms; db ${fmt(dbBytes / MiB)} MiB + WAL ${fmt(walBytes / MiB)} MiB = ${fmt((dbBytes + walBytes) / N)} bytes/event`);
fig('disk.bytesPerEvent', { label: 'bytes on disk per event (db + WAL, checkpointed)', value: (dbBytes + walBytes) / N, unit: 'B', target: { op: '<=', value: 1_000 } });
fig('disk.totalMiB', { label: 'workspace file', value: (dbBytes + walBytes) / MiB, unit: 'MiB' });

const breakdown: Record<string, number> = {};
if (DBSTAT) {
  const db = new Database(workspacePath, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT CASE WHEN name LIKE 'events_fts%' THEN 'events_fts (all shadow tables)' ELSE name END AS obj,
                sum(pgsize) AS bytes FROM dbstat GROUP BY obj ORDER BY bytes DESC`,
      )
      .all() as { obj: string; bytes: number }[];
    log('  disk by object:');
    for (const r of rows.slice(0, 8)) {
      breakdown[r.obj] = r.bytes;
      log(`    ${r.obj.padEnd(32)} ${fmt(r.bytes / MiB).padStart(6)} MiB  ${fmt(r.bytes / N).padStart(5)} B/event`);
    }
    const rawBytes = (db.prepare('SELECT sum(length(CAST(raw AS BLOB))) AS n FROM event_raw').get() as { n: number }).n;
    log(`    (raw JSON itself: ${fmt(rawBytes / MiB)} MiB, ${fmt(rawBytes / N)} B/event, in event_raw)`);
    breakdown['raw JSON (inside event_raw)'] = rawBytes;
    // What a Sigma rule costs: a JSON-path filter over every raw event, through the `events` view
    // as main/rules/sql.ts reads e.raw.
    const j0 = performance.now();
    const jsonHits = (db.prepare(`SELECT count(*) AS n FROM events e WHERE json_extract(e.raw, '$.outcome.result') = 'FAILURE'`).get() as { n: number }).n;
    const jsonMs = performance.now() - j0;
    log(`  JSON-path filter over every event (json_extract(raw, '$.outcome.result') = 'FAILURE'): ${fmt(jsonHits)} hits in ${fmt(jsonMs)} ms`);
    fig('jsonPath.countMs', { label: 'JSON-path filter over all events (count)', value: jsonMs, unit: 'ms' });
  } catch (error) {
    log(`  (no dbstat breakdown: ${(error as Error).message})`);
  } finally {
    db.close();
  }
}

await sampleMemory();
const maxRss = process.resourceUsage().maxRSS * 1024;
fig('mem.peakRss', { label: 'peak RSS, whole process (main + workers + SQLite)', value: maxRss / MiB, unit: 'MiB', target: { op: '<=', value: 700 } });
fig('mem.mainHeap', { label: 'peak V8 heap+external, main thread (sampled)', value: mem.mainHeap / MiB, unit: 'MiB' });
fig('mem.writerHeap', { label: 'peak V8 heap+external, writer worker (sampled)', value: mem.writerHeap / MiB, unit: 'MiB' });
fig('mem.readerHeap', { label: 'peak V8 heap+external, one reader worker (sampled)', value: mem.readerHeap / MiB, unit: 'MiB' });
log(
  `  peak RSS ${fmt(maxRss / MiB)} MiB (sampled ${fmt(mem.rss / MiB)}); V8 heaps: main ${fmt(mem.mainHeap / MiB)}, writer ${fmt(mem.writerHeap / MiB)}, reader ${fmt(mem.readerHeap / MiB)} MiB — the rest is SQLite page caches and native buffers`,
);

if (!KEEP) rmSync(dir, { recursive: true, force: true });
else log(`  kept ${workspacePath}`);

// ---------------------------------------------------------------------------------------------
// Table, JSON, delta

const benchMs = performance.now() - benchStart;
fig('bench.seconds', { label: 'bench wall time', value: benchMs / 1000, unit: 's' });

const okOf = (f: Figure): string => {
  if (!f.target || !Number.isFinite(f.value)) return ' ';
  return (f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value) ? '✓' : '✗';
};
const valueText = (f: Figure) => `${fmt(f.value, f.value < 100 ? 1 : 0)} ${f.unit}`;
log(`\n== Figures: ${fmt(N)} events, ${world.tenants.length} tenants (load average at start ${loadAtStart.toFixed(2)}) ==`);
log(`${'figure'.padEnd(64)} ${'value'.padStart(14)}  ${'target'.padEnd(12)}`);
for (const f of figures.values()) {
  const target = f.target ? `${f.target.op} ${fmt(f.target.value)} ${f.unit}` : '';
  const note = [f.note, f.target?.note].filter(Boolean).join('; ');
  log(`${f.label.padEnd(64)} ${valueText(f).padStart(14)}  ${target.padEnd(14)} ${okOf(f)}${note ? `  (${note})` : ''}`);
}

const resultsDir = fileURLToPath(new URL('../../test-results', import.meta.url));
const jsonPath = join(resultsDir, 'bench.json');
interface Saved {
  meta: Record<string, unknown>;
  figures: Record<string, { label: string; value: number; unit: string; target?: Figure['target'] }>;
}
const readPrevious = (): Saved | null => {
  try {
    return JSON.parse(readFileSync(jsonPath, 'utf8')) as Saved;
  } catch {
    return null;
  }
};
const previous = readPrevious();
const saved: Saved = {
  meta: {
    date: new Date().toISOString(),
    events: N,
    tenants: world.tenants.length,
    runs: RUNS,
    batchBytes: BATCH_BYTES,
    node: process.version,
    cpus: cpus().length,
    loadAverageAtStart: loadAtStart,
    diskBreakdown: breakdown,
    views: viewResults,
    deepPage50: Object.fromEntries(deepBy),
    per100k,
    mix: {
      categories: Object.fromEntries(stored.categories),
      activities: Object.fromEntries(stored.activities),
      outcomes: Object.fromEntries(stored.outcomes),
      eventTypes: stored.actions.size,
    },
  },
  figures: Object.fromEntries([...figures].map(([k, f]) => [k, { label: f.label, value: f.value, unit: f.unit, ...(f.target ? { target: f.target } : {}) }])),
};
if (previous?.figures) {
  const prevN = previous.meta?.events;
  log(`\n== Change since ${String(previous.meta?.date ?? 'the last run')} (${fmt(Number(prevN))} events${prevN !== N ? ', NOT the same size' : ''}) ==`);
  for (const [k, f] of figures) {
    const before = previous.figures[k]?.value;
    if (typeof before !== 'number' || !Number.isFinite(before) || !Number.isFinite(f.value)) continue;
    const pct = before === 0 ? 0 : ((f.value - before) / before) * 100;
    log(`${f.label.padEnd(64)} ${fmt(before, 1).padStart(12)} → ${fmt(f.value, 1).padStart(12)} ${f.unit.padEnd(5)} ${pct >= 0 ? '+' : ''}${fmt(pct, 1)}%`);
  }
}
mkdirSync(resultsDir, { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(saved, null, 2)}\n`);
log(`\nwrote ${jsonPath}; bench took ${fmt(benchMs / 1000, 1)} s`);
