/**
 * Rule, finding, preset and console ops. Reads (running rules, listing, the SQL console) run on
 * a reader worker, whose connection is read-only; saving findings and presets runs on the writer.
 * Rule packs are loaded from disk once per folder and kept.
 */
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ftsWatermark } from '../store/fts-indexer.ts';
import type { ReadDb, WriteDb } from '../store/open.ts';
import { viewSql, type View } from '../store/view-sql.ts';
import { withCancelPoint } from '../query/cancel-point.ts';
import { registerSigmaFunctions } from '../rules/functions.ts';
import type { CorrelationRule, DetectionRule, LoadedRule, SqlRule } from '../rules/load.ts';
import { loadRuleFolder } from '../rules/pack.ts';
import { runRules, type Finding, type RulePart, type RunResult } from '../rules/run.ts';
import { progressReporter } from '../rules/progress.ts';
import { runConsoleSql, type SqlRunArgs } from './sql-console.ts';
import type { OpContext } from './write-ops.ts';

const packs = new Map<string, LoadedRule[]>();
/** The built-in pack (cached: it ships with the app) and the user's imported rules (read each time). */
function pack(dir: string, userDir?: string): LoadedRule[] {
  let rules = packs.get(dir);
  if (!rules) packs.set(dir, (rules = loadRuleFolder(dir)));
  if (!userDir || !existsSync(userDir)) return rules;
  return [...rules, ...loadRuleFolder(userDir).map((r) => ({ ...r, file: `user/${r.file}` }))];
}

export interface RuleSummary {
  id: string;
  title: string;
  level: string;
  author: string;
  kind: 'detection' | 'correlation' | 'sql' | 'unsupported' | 'invalid';
  reason: string | null;
  file: string;
}

function summary(r: LoadedRule): RuleSummary {
  if (r.kind === 'unsupported' || r.kind === 'invalid') {
    return { id: r.id, title: r.title, level: '', author: '', kind: r.kind, reason: r.reason, file: r.file };
  }
  const u = r as DetectionRule | CorrelationRule | SqlRule;
  return { id: u.id, title: u.title, level: u.level, author: u.author, kind: u.kind, reason: null, file: u.file };
}

export interface StoredFinding extends Finding {
  id: number;
  runId: number;
}

interface FindingRow {
  id: number;
  run_id: number;
  rule_id: string;
  rule_version: string;
  title: string;
  level: string;
  author: string;
  tenant_id: number;
  ts: number;
  ts_end: number;
  event_ids: string;
  grouping: string | null;
  measure: number | null;
}

export function listFindings(db: Database.Database, runId: number | null): { runId: number | null; findings: StoredFinding[] } {
  const run = runId ?? (db.prepare('SELECT max(id) AS id FROM rule_runs').get() as { id: number | null }).id;
  if (run === null) return { runId: null, findings: [] };
  const rows = db.prepare('SELECT * FROM findings WHERE run_id = ? ORDER BY ts, id').all(run) as FindingRow[];
  return {
    runId: run,
    findings: rows.map((r) => ({
      id: r.id,
      runId: r.run_id,
      ruleId: r.rule_id,
      ruleVersion: r.rule_version,
      title: r.title,
      level: r.level,
      author: r.author,
      tenantId: r.tenant_id,
      ts: r.ts,
      tsEnd: r.ts_end,
      eventIds: JSON.parse(r.event_ids) as number[],
      group: r.grouping === null ? null : (JSON.parse(r.grouping) as Record<string, string>),
      measure: r.measure,
    })),
  };
}

export function ruleReadOps(db: ReadDb) {
  let registered = false;
  const ready = (): void => {
    if (!registered) registerSigmaFunctions(db);
    registered = true;
  };
  return {
    rulesList: (a: { dir: string; userDir?: string }) => ({ rules: pack(a.dir, a.userDir).map(summary) }),
    rulesRun: (a: { dir: string; userDir?: string; view: View; ruleIds?: string[]; part?: RulePart }, ctx: OpContext): RunResult => {
      ready();
      const v = viewSql(a.view);
      const rules = pack(a.dir, a.userDir);
      return runRules(db, rules, {
        viewWhere: withCancelPoint(v.where),
        viewParams: v.params as (string | number)[],
        shouldStop: () => ctx.signal.aborted,
        onProgress: progressReporter((p) => ctx.report(p)),
        fullTextUpTo: ftsWatermark(db),
      }, a.ruleIds, a.part);
    },
    findingsList: (a: { runId?: number }) => listFindings(db, a.runId ?? null),
    sqlRun: (a: SqlRunArgs) => runConsoleSql(db, a),
  };
}

export function ruleWriteOps(db: WriteDb) {
  return {
    findingsSave: (a: { view: View; ruleCount: number; cancelled: boolean; findings: Finding[]; now: number }): { runId: number } =>
      db.transaction(() => {
        const runId = Number(
          db.prepare('INSERT INTO rule_runs (started_at, view, rule_count, cancelled) VALUES (?, ?, ?, ?)')
            .run(a.now, JSON.stringify(a.view), a.ruleCount, a.cancelled ? 1 : 0).lastInsertRowid,
        );
        const insert = db.prepare(
          `INSERT INTO findings (run_id, rule_id, rule_version, title, level, author, tenant_id, ts, ts_end, event_ids, grouping, measure)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const f of a.findings) {
          insert.run(runId, f.ruleId, f.ruleVersion, f.title, f.level, f.author, f.tenantId, f.ts, f.tsEnd,
            JSON.stringify(f.eventIds), f.group ? JSON.stringify(f.group) : null, f.measure);
        }
        return { runId };
      })(),
  };
}
