/**
 * A minimal SQLite with the columns compiled Sigma rules read (tenants, connections, events.raw),
 * for running a rule's SQL over hand-written events.
 */
import Database from 'better-sqlite3';
import type { Cond } from '../../main/rules/ast.ts';
import { registerSigmaFunctions } from '../../main/rules/functions.ts';
import { loadSigma, type DetectionRule } from '../../main/rules/load.ts';
import { condSql } from '../../main/rules/sql.ts';
import { ruleWhere } from '../../main/rules/compile.ts';
import { sweepDetections } from '../../main/rules/sweep.ts';

export interface Harness {
  db: Database.Database;
  /** Stores the events (JSON values or raw text) in one tenant of `kind`; ids are 1…n. */
  load(events: readonly unknown[], kind?: string, times?: readonly number[]): void;
  /** Indices (0-based) of the loaded events the condition matches. */
  matchCond(cond: Cond): number[];
  matchRule(rule: DetectionRule): number[];
  /** Indices of the loaded events the rule matches when the sweep runs it (sweep.ts, with its full-text prefilter). */
  matchSwept(rule: DetectionRule): number[];
}

export function sigmaHarness(): Harness {
  const db = new Database(':memory:');
  registerSigmaFunctions(db);
  db.exec(`
    CREATE TABLE connections (id INTEGER PRIMARY KEY, kind TEXT NOT NULL);
    CREATE TABLE tenants (id INTEGER PRIMARY KEY, connection_id INTEGER NOT NULL, source_kind TEXT);
    -- The workspace's layout (migrations 9 and 10): the rows, the raw text beside them, and the view of both.
    CREATE TABLE event_rows (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, ts INTEGER NOT NULL, action TEXT);
    CREATE TABLE event_raw (id INTEGER PRIMARY KEY, raw TEXT NOT NULL);
    CREATE VIEW events AS SELECT r.*, (SELECT x.raw FROM event_raw x WHERE x.id = r.id) AS raw FROM event_rows r;
    -- The full-text index as the workspace has it (migration 1), over the raw text; it holds the
    -- first half of the events, so a sweep reads both indexed events and those past the watermark.
    CREATE VIRTUAL TABLE events_fts USING fts5(doc, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
  `);
  let indexed = 0;
  const ids = (sql: string, params: unknown[]): number[] =>
    (db.prepare(`SELECT e.id FROM events e WHERE ${sql} ORDER BY e.id`).all(...params) as { id: number }[]).map((r) => r.id - 1);
  return {
    db,
    load(events, kind = 'okta', times) {
      db.exec('DELETE FROM event_rows; DELETE FROM event_raw; DELETE FROM tenants; DELETE FROM connections; DELETE FROM events_fts;');
      db.prepare('INSERT INTO connections (id, kind) VALUES (1, ?)').run(kind);
      db.prepare('INSERT INTO tenants (id, connection_id, source_kind) VALUES (1, 1, ?)').run(kind);
      const insertRow = db.prepare('INSERT INTO event_rows (id, tenant_id, ts, action) VALUES (?, 1, ?, ?)');
      const insertRaw = db.prepare('INSERT INTO event_raw (id, raw) VALUES (?, ?)');
      // `action` as the normalisers set it: the source's event-type field.
      const typeField = ({ okta: 'eventType', github: 'action', cloudtrail: 'eventName', m365: 'Operation' } as Record<string, string>)[kind];
      events.forEach((ev, i) => {
        const raw = typeof ev === 'string' ? ev : JSON.stringify(ev);
        const type = typeField && ev && typeof ev === 'object' ? (ev as Record<string, unknown>)[typeField] : null;
        insertRow.run(i + 1, times?.[i] ?? i * 1000, typeof type === 'string' ? type : null);
        insertRaw.run(i + 1, raw);
      });
      indexed = Math.floor(events.length / 2);
      db.prepare('INSERT INTO events_fts (rowid, doc) SELECT id, raw FROM event_raw WHERE id <= ?').run(indexed);
    },
    matchCond(cond) {
      const { sql, params } = condSql(cond);
      return ids(sql, params);
    },
    matchRule(rule) {
      const { sql, params } = ruleWhere(rule);
      return ids(sql, params);
    },
    matchSwept(rule) {
      const rows = sweepDetections(db, [rule], { viewWhere: '1', viewParams: [], fullTextUpTo: indexed }).get(rule) ?? [];
      return rows.map((r) => r.id - 1).sort((a, b) => a - b);
    },
  };
}

/** One detection rule from YAML text; throws with the reason when it does not load. */
export function detectionRule(yaml: string): DetectionRule {
  const [rule] = loadSigma(yaml, 'inline.yml');
  if (!rule) throw new Error('no rule in the text');
  if (rule.kind !== 'detection') throw new Error(`${rule.kind}: ${'reason' in rule ? rule.reason : ''}`);
  return rule;
}

/** A rule with logsource okta and this detection block (indented YAML lines). */
export function oktaRule(detection: string): string {
  return `title: t\nid: r1\nlogsource:\n  product: okta\n  service: okta\ndetection:\n${detection.replace(/^/gm, '  ')}\n`;
}
