/**
 * Migration 5 (daily rollups), and the ones after it, on a workspace made by the schema before it (version 4): every
 * event, raw hash, batch and chain is unchanged, the rollups equal a full scan, verify passes;
 * and a child running the migration is SIGKILLed at random moments, each time on a fresh copy
 * of the version-4 file, without loss (the migration is one transaction).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate, schemaVersion } from '../../../main/store/migrations/index.ts';
import { APPLICATION_ID, closeWorkspace, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { purgeExpired } from '../../../main/store/retention.ts';
import { ensureConnection, ensureTenant, setRetention } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, chunk, makeEvents, prng, removeTempDirs, tempDir, tempWorkspacePath } from './fixtures.ts';
import { rollupMismatch } from './rollup-check.ts';

const CHILD = fileURLToPath(new URL('./migrate-child.ts', import.meta.url));
const KILLS = 8;

let v4Path: string;
/** Digests of what the migration must not touch, taken from the version-4 file. */
let before: Record<string, string>;

const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

/** The event columns of version 4, by name: from migration 9 on `events` is a view with raw last. */
const V4_EVENT_COLUMNS = (() => {
  const db = new Database(':memory:');
  migrate(db, 4);
  const names = (db.prepare('SELECT name FROM pragma_table_info(?)').all('events') as { name: string }[]).map((c) => c.name);
  db.close();
  return names.join(', ');
})();

/** sha256 of every event (ids, hashes, raw), every batch (the chain) and every tenant's head and counters. */
function digests(db: Database.Database): Record<string, string> {
  const digest = (sql: string) => {
    const h = createHash('sha256');
    for (const row of db.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>) h.update(JSON.stringify(row));
    return h.digest('hex');
  };
  return {
    events: digest(`SELECT ${V4_EVENT_COLUMNS} FROM events ORDER BY id`),
    batches: digest('SELECT * FROM batches ORDER BY id'),
    tenants: digest('SELECT id, chain_head, event_count, newest_ts FROM tenants ORDER BY id'),
    fts: digest('SELECT rowid FROM events_fts ORDER BY rowid'),
  };
}

beforeAll(() => {
  // Today's writer fills a current file; a new file migrated to version 4 then takes its rows,
  // table by table (the columns version 4 has), and indexes its full text: the file holds what
  // version 4 would have, and its schema is checked against a file migrated to 4.
  const current = tempWorkspacePath('current.trailkeeper');
  const w = openWorkspaceForWrite(current);
  const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  const writer = new EventWriter(w);
  for (const [i, name] of ['Alpha', 'Bravo', 'Charlie'].entries()) {
    const tenantId = ensureTenant(w, conn, { externalId: name, name, groups: ['eu'] });
    const events = makeEvents(500 + i, 6_000, { prefix: name, minutes: 60 * 24 * 40 });
    for (const batch of chunk(events, 400)) writer.ingestBatch({ tenantId, events: batch });
  }
  // A partly purged tenant, so batches carry purge counts.
  setRetention(w, 1, 30);
  purgeExpired(w, BASE_TS + 45 * 86_400_000);
  closeWorkspace(w);

  v4Path = tempWorkspacePath('v4.trailkeeper');
  const v4w = new Database(v4Path);
  v4w.pragma('page_size = 16384');
  v4w.pragma('journal_mode = WAL');
  v4w.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(v4w, 4);
  v4w.prepare('ATTACH DATABASE ? AS src').run(current);
  // Parents before children (foreign keys); workspace_meta holds only the full-text watermark, which the indexer below sets.
  const parents = ['connections', 'tenants', 'sync_runs', 'checkpoints', 'batches', 'events'];
  const others = (v4w.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !parents.includes(name) && name !== 'workspace_meta');
  const columnsOf = (name: string, schema: 'main' | 'src') =>
    (v4w.prepare(`SELECT name FROM pragma_table_info(?, '${schema}')`).all(name) as { name: string }[]).map((c) => c.name);
  v4w.transaction(() => {
    for (const name of [...parents, ...others]) {
      const columns = columnsOf(name, 'main');
      // A table a later migration reshaped (migration 8's annotations) is left empty, as this test never fills it.
      const theirs = new Set(columnsOf(name, 'src'));
      if (!columns.every((c) => theirs.has(c))) continue;
      const list = columns.map((c) => `"${c}"`).join(', ');
      v4w.exec(`INSERT INTO main."${name}" (${list}) SELECT ${list} FROM src."${name}"`);
    }
  })();
  v4w.exec('DETACH DATABASE src');
  // The full text as version 4's indexer wrote it (today's reads event_rows, which version 4 lacks).
  v4w.exec(`INSERT INTO events_fts (rowid, doc)
              SELECT id, concat_ws(char(10), action, actor_name, actor_email, target_name, message, raw) FROM events;
            INSERT INTO workspace_meta (key, value) SELECT 'fts_indexed_upto', max(id) FROM events`);
  closeWorkspace(v4w);

  const ref = new Database(':memory:');
  migrate(ref, 4);
  const v4 = new Database(v4Path, { readonly: true });
  expect(schemaVersion(v4)).toBe(4);
  expect(schemaOf(v4)).toEqual(schemaOf(ref));
  expect((v4.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBeGreaterThan(10_000);
  before = digests(v4);
  v4.close();
  ref.close();
});

afterAll(removeTempDirs);

/** Checks a file after a migration finished or was killed; returns the version it was found at. */
function checkNoLoss(path: string, where: string): number {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
    const version = schemaVersion(db);
    // Each later migration runs in its own transaction too: a kill leaves any version from 4 on.
    expect(version, where).toBeGreaterThanOrEqual(4);
    expect(version, where).toBeLessThanOrEqual(LATEST_VERSION);
    expect(digests(db), where).toEqual(before);
    if (version >= 5) expect(rollupMismatch(db), where).toBeNull();
    else expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'event_rollups%'").get(), where).toBeUndefined();
    return version;
  } finally {
    db.close();
  }
}

/** Runs the child on `path`; kills it `delayMs` after it says `opening` unless it has migrated. */
function runChild(path: string, delayMs: number | null): Promise<{ migratedMs: number | null; killedDuringOpen: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const wasOpening = stdout.includes('opening\n');
      stdout += d.toString();
      const migrated = /migrated (\d+)/.exec(stdout);
      if (!wasOpening && stdout.includes('opening\n') && delayMs !== null) setTimeout(() => child.kill('SIGKILL'), delayMs);
      if (migrated && delayMs === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const migrated = /migrated (\d+)/.exec(stdout);
      if (signal !== 'SIGKILL') reject(new Error(`migration child ended by itself (code ${code}, signal ${signal}): ${stderr || stdout}`));
      else resolve({ migratedMs: migrated ? Number(migrated[1]) : null, killedDuringOpen: !migrated });
    });
  });
}

describe('migration 5: daily rollups', () => {
  it('takes a version-4 workspace to version 5 with every event, hash and chain intact, and verify passes', () => {
    const path = `${tempDir()}/copy.trailkeeper`;
    copyFileSync(v4Path, path);
    const w = openWorkspaceForWrite(path);
    expect(schemaVersion(w)).toBe(LATEST_VERSION);
    // Migration 7: the full-text index merges with automerge 16, kept in its config table.
    expect(w.prepare("SELECT v FROM events_fts_config WHERE k = 'automerge'").get()).toEqual({ v: 16 });
    // Migration 11: crisis merges wait for 64 segments a level.
    expect(w.prepare("SELECT v FROM events_fts_config WHERE k = 'crisismerge'").get()).toEqual({ v: 64 });
    expect(rollupMismatch(w)).toBeNull();
    // Migration 9: the raw text in its own table, under the same ids; the view shows both as before.
    expect(w.prepare("SELECT count(*) AS n FROM pragma_table_info('event_rows') WHERE name = 'raw'").get()).toEqual({ n: 0 });
    expect(w.prepare('SELECT count(*) AS n FROM event_raw').get()).toEqual(w.prepare('SELECT count(*) AS n FROM event_rows').get());
    expect(w.prepare('SELECT count(*) AS n FROM events WHERE raw IS NULL').get()).toEqual({ n: 0 });
    expect((w.prepare('SELECT sum(n) AS n FROM event_rollups').get() as { n: number }).n).toBe(
      (w.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
    );
    const verdict = verifyWorkspace(w as unknown as ReadDb);
    expect(verdict).toMatchObject({ ok: true, firstBreak: null });
    expect(verdict.eventsChecked).toBeGreaterThan(10_000);
    // New batches keep the rollups exact on the migrated file.
    new EventWriter(w).ingestBatch({ tenantId: 2, events: makeEvents(9, 300, { prefix: 'late', startTs: BASE_TS + 50 * 86_400_000 }) });
    expect(rollupMismatch(w)).toBeNull();
    closeWorkspace(w);
  });

  it(`loses nothing when the migrating process is SIGKILLed at random moments (${KILLS} kills)`, { timeout: 120_000 }, async () => {
    // How long opening and migrating takes here, so the kills spread over it.
    const calibrate = `${tempDir()}/calibrate.trailkeeper`;
    copyFileSync(v4Path, calibrate);
    const { migratedMs } = await runChild(calibrate, null);
    expect(checkNoLoss(calibrate, 'calibration run')).toBe(LATEST_VERSION);
    const rng = prng(505);
    let killedDuringOpen = 0;
    const found: Record<string, number> = {};
    for (let kill = 0; kill < KILLS; kill++) {
      const path = `${tempDir()}/kill-${kill}.trailkeeper`;
      copyFileSync(v4Path, path);
      const delayMs = Math.floor(rng() * 1.5 * (migratedMs ?? 100));
      const run = await runChild(path, delayMs);
      const where = `kill ${kill} (delay ${delayMs} ms of ${migratedMs} ms)`;
      if (run.killedDuringOpen) killedDuringOpen++;
      const version = `version ${checkNoLoss(path, where)}`;
      found[version] = (found[version] ?? 0) + 1;
      // The next open finishes the migration, and the workspace verifies.
      const w = openWorkspaceForWrite(path);
      expect(verifyWorkspace(w as unknown as ReadDb), where).toMatchObject({ ok: true, firstBreak: null });
      closeWorkspace(w);
      expect(checkNoLoss(path, `${where}, reopened`)).toBe(LATEST_VERSION);
      expect(existsSync(path)).toBe(true);
    }
    console.log(`migration kills: ${killedDuringOpen} before the child finished opening; versions found ${JSON.stringify(found)} (calibration: ${migratedMs} ms to open and migrate)`);
    expect(killedDuringOpen).toBeGreaterThanOrEqual(1);
  });
});
