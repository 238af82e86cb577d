/**
 * Rule pack benchmark (issue 11), figures only: the built-in pack over the demo workspace, and
 * over the demo's events copied into a larger workspace (RULES_BENCH_EVENTS, default 100,000:
 * the demo repeated with fresh source ids, each copy shifted a year back), time per rule (the
 * slowest shown) and in total, plus one correlation rule alone.
 *
 *   node --experimental-strip-types test/bench/rules.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { closeWorkspace, openWorkspaceForWrite } from '../../main/store/open.ts';
import { writeOps } from '../../main/store-worker/write-ops.ts';
import { registerSigmaFunctions } from '../../main/rules/functions.ts';
import { loadRuleFolder } from '../../main/rules/pack.ts';
import { runRules } from '../../main/rules/run.ts';

const target = Number(process.env.RULES_BENCH_EVENTS ?? 100_000);
const resourcesDir = resolve(import.meta.dirname, '../../resources');
const rules = loadRuleFolder(join(resourcesDir, 'rules'));
const usable = rules.filter((r) => r.kind === 'detection' || r.kind === 'correlation' || r.kind === 'sql');
const dir = mkdtempSync(join(tmpdir(), 'tk-rules-bench-'));

function bench(path: string, label: string): void {
  const db = new Database(path, { readonly: true });
  registerSigmaFunctions(db);
  const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const perRule: [number, string][] = [];
  const all = { viewWhere: '1', viewParams: [] };
  const t0 = performance.now();
  for (const r of usable) {
    const s = performance.now();
    runRules(db, rules, all, [r.id]);
    perRule.push([performance.now() - s, r.title]);
  }
  const sumRules = performance.now() - t0;
  const s = performance.now();
  const whole = runRules(db, rules, all);
  const pack = performance.now() - s;
  const corr = usable.find((r) => r.title === 'Password spray against Okta from one address')!;
  const c0 = performance.now();
  runRules(db, rules, all, [corr.id]);
  const corrMs = performance.now() - c0;
  perRule.sort((a, b) => b[0] - a[0]);
  console.log(`\n${label}: ${events.toLocaleString('en-US')} events, ${usable.length} rules`);
  console.log(`  whole pack: ${(pack / 1000).toFixed(2)} s, ${whole.findings.length} findings (rules one by one: ${(sumRules / 1000).toFixed(2)} s)`);
  console.log(`  correlation "${corr.title}": ${corrMs.toFixed(0)} ms`);
  console.log(`  median rule ${perRule[Math.floor(perRule.length / 2)]![0].toFixed(1)} ms; slowest:`);
  for (const [ms, title] of perRule.slice(0, 5)) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${title}`);
  db.close();
}

const demoPath = join(dir, 'demo.trailkeeper');
const w = openWorkspaceForWrite(demoPath);
await writeOps(w).loadDemo({ resourcesDir, now: Date.now() }, { signal: new AbortController().signal, report: () => {} });
closeWorkspace(w);
bench(demoPath, 'demo workspace');

const demoEvents = (new Database(demoPath, { readonly: true }).prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
const big = openWorkspaceForWrite(demoPath);
const copies = Math.max(0, Math.ceil(target / demoEvents) - 1);
const cols = (big.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
const copy = big.prepare(
  `INSERT INTO events (${cols.join(', ')}) SELECT ${cols.map((c) => (c === 'source_id' ? `source_id || '#' || ?` : c === 'ts' ? 'ts - ? * 31536000000' : c)).join(', ')}
   FROM events WHERE id <= ?`,
);
const maxId = (big.prepare('SELECT max(id) AS m FROM events').get() as { m: number }).m;
big.transaction(() => {
  for (let k = 1; k <= copies; k++) copy.run(String(k), k, maxId);
})();
closeWorkspace(big);
bench(demoPath, `demo ×${copies + 1}`);
rmSync(dir, { recursive: true, force: true });
