/**
 * `node --experimental-strip-types test/bench/annotations.ts`: how annotation queries
 * (`starred:true`, `tag:x`, `note:word`) cost against a plain column filter in the same
 * workspace, and the `e.id IN (…)` form main/query/annotation-terms.ts compiles to against the
 * EXISTS form, as medians of first page (newest 200) and count; and one bulk tag (add, then
 * remove) over a time window of 100,000 events. Prints figures only.
 *
 *   BENCH_EVENTS=200000   events in the workspace (default 200,000)
 *   BENCH_RUNS=9          runs per figure
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkTag, setAnnotation } from '../../main/store/annotations.ts';
import { openWorkspaceForRead, openWorkspaceForWrite, type ReadDb } from '../../main/store/open.ts';
import { count, page } from '../../main/store/reader.ts';
import { fillWorkspace } from './lib/fill-workspace.ts';

const N = Number(process.env.BENCH_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const dir = mkdtempSync(join(tmpdir(), 'trailkeeper-annotations-bench-'));
const path = join(dir, 'bench.trailkeeper');

function median(fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

try {
  console.log(`filling ${N.toLocaleString('en-US')} events…`);
  await fillWorkspace(path, N);
  const w = openWorkspaceForWrite(path);
  const ids = (w.prepare('SELECT id FROM events ORDER BY random() LIMIT 1050').all() as { id: number }[]).map((r) => r.id);
  for (const id of ids.slice(0, 50)) setAnnotation(w, { eventId: id, starred: true, note: 'seen from the vpn range', now: Date.now() });
  bulkTag(w, { tag: 'sweep', action: 'add', target: { eventIds: ids.slice(50) }, now: Date.now(), limit: 10_000 });
  // One bulk tag over a time window of about 100,000 events (the most one call takes), then its removal: the writer is busy this long.
  const times = (w.prepare('SELECT ts FROM events ORDER BY ts LIMIT 1 OFFSET ?').get(Math.max(0, N - 100_000)) as { ts: number }).ts;
  const windowView = { scope: { kind: 'all' as const }, range: { from: times, to: null }, query: '' };
  let t = performance.now();
  const added = bulkTag(w, { tag: 'window', action: 'add', target: { view: windowView }, now: Date.now(), limit: 100_000 });
  const addMs = performance.now() - t;
  t = performance.now();
  const removed = bulkTag(w, { tag: 'window', action: 'remove', target: { view: windowView }, now: Date.now(), limit: 100_000 });
  const removeMs = performance.now() - t;
  const fmt = (r: typeof added) => (r.ok ? `${r.changed.toLocaleString('en-US')} events` : r.error);
  console.log(`bulk tag a time window: add ${addMs.toFixed(0)} ms (${fmt(added)}), remove ${removeMs.toFixed(0)} ms (${fmt(removed)})`);
  w.close();

  const db = openWorkspaceForRead(path);
  const all = (query: string) => ({ scope: { kind: 'all' as const }, range: { from: null, to: null }, query });
  const row = (label: string, query: string) => {
    const v = all(query);
    const p = median(() => page(db, { view: v, order: 'newest', after: null, limit: 200 }));
    const c = median(() => count(db, v, { rollups: false }));
    console.log(`${label.padEnd(34)} page ${p.toFixed(2).padStart(8)} ms   count ${c.toFixed(2).padStart(8)} ms   (${count(db, v)} rows)`);
  };
  /** The same filter written as EXISTS, straight in SQL, for the comparison. */
  const existsRow = (label: string, test: string, param: string | null) => {
    const params = param === null ? [] : [param];
    const pageSql = `SELECT e.id FROM events e WHERE EXISTS (${test}) ORDER BY e.ts DESC, e.id DESC LIMIT 200`;
    const countSql = `SELECT count(*) FROM events e WHERE EXISTS (${test})`;
    const p = median(() => (db as ReadDb).prepare(pageSql).all(...params));
    const c = median(() => (db as ReadDb).prepare(countSql).get(...params));
    console.log(`${label.padEnd(34)} page ${p.toFixed(2).padStart(8)} ms   count ${c.toFixed(2).padStart(8)} ms`);
  };
  console.log(`\nmedians of ${RUNS} runs, ${N.toLocaleString('en-US')} events, 50 starred, 1,000 tagged`);
  row('baseline outcome:failure', 'outcome:failure');
  row('starred:true (IN, as compiled)', 'starred:true');
  existsRow('starred:true as EXISTS', 'SELECT 1 FROM annotations a WHERE a.event_id = e.id AND a.starred = 1', null);
  row('tag:sweep (IN, as compiled)', 'tag:sweep');
  existsRow('tag:sweep as EXISTS', 'SELECT 1 FROM annotation_tags t WHERE t.event_id = e.id AND t.tag = ?', 'sweep');
  row('note:vpn (IN, as compiled)', 'note:vpn');
  row('starred:false', 'starred:false');
  row('starred:true AND outcome:failure', 'starred:true AND outcome:failure');
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
