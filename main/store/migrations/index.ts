/**
 * Numbered migrations. Each runs in its own transaction and sets `PRAGMA user_version` to its
 * number inside that transaction, so a crash leaves the file at N-1 or N, never between.
 */
import type Database from 'better-sqlite3';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-sync-state.ts';
import { migration003 } from './003-batch-normalizer.ts';
import { migration004 } from './004-export-history.ts';
import { migration005 } from './005-event-rollups.ts';
import { migration006 } from './006-findings-presets.ts';
import { migration007 } from './007-fts-automerge.ts';
import { migration008 } from './008-annotations.ts';
import { migration009 } from './009-raw-own-table.ts';
import { migration010 } from './010-raw-on-demand.ts';
import { migration011 } from './011-fts-crisismerge.ts';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];
export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the file up to `target` (default: latest). Returns the versions applied. */
export function migrate(db: Database.Database, target = LATEST_VERSION): number[] {
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= schemaVersion(db) || m.version > target) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
