/**
 * Forensic queries (issue 11): rule runs and their findings, kept with the rule's id, version
 * and author; presets gain a description, a pin and a start-view mark; saved SQL queries
 * already have their table (migration 1).
 */
import type { Migration } from './index.ts';

export const migration006: Migration = {
  version: 6,
  name: 'findings and preset details',
  up: `
    CREATE TABLE rule_runs (
      id          INTEGER PRIMARY KEY,
      started_at  INTEGER NOT NULL,
      view        TEXT NOT NULL,
      rule_count  INTEGER NOT NULL,
      cancelled   INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
    ) STRICT;

    CREATE TABLE findings (
      id           INTEGER PRIMARY KEY,
      run_id       INTEGER NOT NULL REFERENCES rule_runs(id) ON DELETE CASCADE,
      rule_id      TEXT NOT NULL,
      rule_version TEXT NOT NULL,
      title        TEXT NOT NULL,
      level        TEXT NOT NULL,
      author       TEXT NOT NULL,
      tenant_id    INTEGER NOT NULL,
      ts           INTEGER NOT NULL,
      ts_end       INTEGER NOT NULL,
      event_ids    TEXT NOT NULL,
      grouping     TEXT,
      measure      REAL
    ) STRICT;
    CREATE INDEX findings_run ON findings (run_id, ts);

    ALTER TABLE presets ADD COLUMN description TEXT NOT NULL DEFAULT '';
    ALTER TABLE presets ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
    ALTER TABLE presets ADD COLUMN start_view INTEGER NOT NULL DEFAULT 0 CHECK (start_view IN (0, 1));
  `,
};
