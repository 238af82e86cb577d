/**
 * Issue 7, items 8, 9, 10, 17: refusing a file never writes to it or its folder (no -wal/-shm
 * left beside it), an empty database someone marked is refused consistently, read-only files and
 * folders and a full disk each get one sentence saying what to do, and a new workspace and its
 * -wal/-shm are readable by their owner only.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, closeWorkspace, openWorkspaceForWrite, WorkspaceError } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { chunk, makeEvents, removeTempDirs, tempDir } from './fixtures.ts';
import { makeReadOnly, mountSmallDisk } from './read-only-places.ts';

afterAll(removeTempDirs);

function fingerprint(path: string): { size: number; sha256: string } {
  return { size: statSync(path).size, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/** Opening for write throws a WorkspaceError (a sentence, not a SQLite stack); returns it. */
function openError(path: string): WorkspaceError {
  let caught: unknown;
  try {
    closeWorkspace(openWorkspaceForWrite(path));
  } catch (error) {
    caught = error;
  }
  expect(caught, String(caught)).toBeInstanceOf(WorkspaceError);
  return caught as WorkspaceError;
}

/** Refused, with the file byte-for-byte as it was and its folder holding exactly what it held. */
function expectRefusedUntouched(path: string, reason: RegExp): WorkspaceError {
  const folder = join(path, '..');
  const before = { file: fingerprint(path), folder: readdirSync(folder).sort() };
  const error = openError(path);
  expect(error.message).toContain(path);
  expect(error.message).toMatch(reason);
  expect(fingerprint(path)).toEqual(before.file);
  expect(readdirSync(folder).sort()).toEqual(before.folder);
  return error;
}

let workspace: string;

beforeAll(() => {
  workspace = join(tempDir(), 'real.trailkeeper');
  const db = openWorkspaceForWrite(workspace);
  const tenantId = ensureTenant(db, ensureConnection(db, { kind: 'okta', label: 'Acme', baseUrl: null }), { externalId: 'a', name: 'A', groups: [] });
  const writer = new EventWriter(db);
  for (const events of chunk(makeEvents(11, 2000), 500)) writer.ingestBatch({ tenantId, events });
  closeWorkspace(db);
});

describe('item 8: an empty SQLite database marked with a user_version', () => {
  it('is refused as marked by another application, twice with the same sentence, and never stamped', () => {
    const path = join(tempDir(), 'marked.db');
    const other = new Database(path);
    other.pragma('user_version = 5');
    other.close();
    const first = expectRefusedUntouched(path, /empty SQLite database marked by another application \(user_version 5\)/);
    const second = expectRefusedUntouched(path, /empty SQLite database marked by another application/);
    expect(second.message).toBe(first.message);
    expect(second.message).not.toMatch(/newer Trailkeeper/);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('application_id', { simple: true })).toBe(0);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });
});

describe('item 8, with our own header: an emptied workspace (our application id and a schema version, no tables)', () => {
  it('is refused as emptied, never switched to WAL or migrated, and says so again on the next start', () => {
    const path = join(tempDir(), 'emptied.trailkeeper');
    const emptied = new Database(path);
    emptied.pragma(`application_id = ${APPLICATION_ID}`);
    emptied.pragma('user_version = 7');
    emptied.close();
    const first = expectRefusedUntouched(path, /marked as a Trailkeeper workspace \(schema 7\) but holds no tables/);
    const second = expectRefusedUntouched(path, /marked as a Trailkeeper workspace \(schema 7\) but holds no tables/);
    expect(second.message).toBe(first.message);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.prepare('SELECT count(*) AS n FROM sqlite_schema').get()).toEqual({ n: 0 });
    check.close();
  });
});

describe('item 10: refusing a WAL-mode file leaves its folder as it was', () => {
  it('another application’s WAL-mode database: no -wal or -shm appear', () => {
    const path = join(tempDir(), 'other-wal.db');
    const other = new Database(path);
    other.pragma('journal_mode = WAL');
    other.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');`);
    other.close();
    expect(readdirSync(join(path, '..'))).toEqual(['other-wal.db']);
    expectRefusedUntouched(path, /another application/);
  });

  it('a corrupt workspace of ours (WAL mode): refused after quick_check, no -wal or -shm appear', () => {
    const path = join(tempDir(), 'corrupt.trailkeeper');
    copyFileSync(workspace, path);
    const bytes = readFileSync(path);
    const page = 16_384;
    const pages = Math.floor(bytes.length / page);
    for (let p = Math.floor(pages * 0.4); p < Math.floor(pages * 0.6); p++) bytes.fill(0x5a, p * page + 8, (p + 1) * page);
    writeFileSync(path, bytes);
    expectRefusedUntouched(path, /integrity check failed|corrupt|malformed/);
  });

  it('a workspace of a newer schema is refused from its header alone', () => {
    const path = join(tempDir(), 'newer.trailkeeper');
    copyFileSync(workspace, path);
    const bytes = readFileSync(path);
    bytes.writeInt32BE(999, 60);
    writeFileSync(path, bytes);
    expectRefusedUntouched(path, /newer Trailkeeper \(schema 999/);
  });
});

describe('item 17: a new workspace is for its owner only', () => {
  it.skipIf(process.platform === 'win32')('the file and its -wal/-shm are created 0600', () => {
    const path = join(tempDir(), 'private.trailkeeper');
    const db = openWorkspaceForWrite(path);
    try {
      db.exec(`INSERT INTO presets (name, view, created_at, updated_at) VALUES ('p', '{}', 1, 1)`);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        expect(existsSync(file), file).toBe(true);
        expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
      }
    } finally {
      closeWorkspace(db);
    }
  });

  it.skipIf(process.platform === 'win32')('an empty file made into a workspace becomes 0600', () => {
    const path = join(tempDir(), 'empty.trailkeeper');
    writeFileSync(path, '', { mode: 0o644 });
    closeWorkspace(openWorkspaceForWrite(path));
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('item 9: permissions and disk space, each in one sentence that says what to do', () => {
  it('an existing workspace in a read-only folder blames the folder, not the file', (ctx) => {
    const folder = join(tempDir(), 'ro-folder');
    mkdirSync(folder);
    const path = join(folder, 'ws.trailkeeper');
    copyFileSync(workspace, path);
    const undo = makeReadOnly(folder);
    if (!undo) return ctx.skip();
    try {
      const error = expectRefusedUntouched(path, /folder .* cannot be written to/);
      expect(error.message).toMatch(/writable folder/);
      expect(error.message).not.toMatch(/corrupt|not a SQLite/);
    } finally {
      undo();
    }
  });

  it('a new workspace in a read-only folder', (ctx) => {
    const folder = join(tempDir(), 'ro-new');
    mkdirSync(folder);
    const undo = makeReadOnly(folder);
    if (!undo) return ctx.skip();
    try {
      const error = openError(join(folder, 'new.trailkeeper'));
      expect(error.message).toMatch(/cannot be created at .*new\.trailkeeper: its folder .* cannot be written to/);
      expect(error.message).not.toMatch(/SqliteError|SQLITE_/);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      undo();
    }
  });

  it('a read-only workspace file is refused instead of opening silently read-only', (ctx) => {
    const path = join(tempDir(), 'ro-file.trailkeeper');
    copyFileSync(workspace, path);
    const undo = makeReadOnly(path);
    if (!undo) return ctx.skip();
    try {
      const error = expectRefusedUntouched(path, /the file is read-only/);
      expect(error.message).toMatch(/Make it writable/);
    } finally {
      undo();
    }
  });

  it('a new workspace on a full disk: one sentence, no half-made file left', (ctx) => {
    const folder = join(tempDir(), 'full-disk');
    mkdirSync(folder);
    // Room for the empty file and a few pages, not for the schema and its WAL.
    const undo = mountSmallDisk(folder, 64 * 1024);
    if (!undo) return ctx.skip();
    try {
      const error = openError(join(folder, 'new.trailkeeper'));
      expect(error.message).toMatch(/the disk holding .* is full\. Free some space/);
      expect(error.message).not.toMatch(/SqliteError/);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      undo();
    }
  });
});

describe('item 9: a disk that fills up during an import', () => {
  it('refuses the batch in one sentence and keeps every batch stored before it', (ctx) => {
    const folder = join(tempDir(), 'filling-disk');
    mkdirSync(folder);
    const undo = mountSmallDisk(folder, 2 * 1024 * 1024);
    if (!undo) return ctx.skip();
    try {
      const path = join(folder, 'ws.trailkeeper');
      const db = openWorkspaceForWrite(path);
      const tenantId = ensureTenant(db, ensureConnection(db, { kind: 'okta', label: 'F', baseUrl: null }), { externalId: 'f', name: 'F', groups: [] });
      const writer = new EventWriter(db);
      let stored = 0;
      let caught: unknown;
      for (let n = 0; n < 200 && caught === undefined; n++) {
        try {
          stored += writer.ingestBatch({ tenantId, events: makeEvents(1000 + n, 500, { prefix: `f${n}` }) }).inserted;
        } catch (error) {
          caught = error;
        }
      }
      expect(caught, 'the disk never filled').toBeInstanceOf(WorkspaceError);
      expect((caught as Error).message).toMatch(/^This batch of 500 events was not stored \(the workspace is unchanged\): the disk holding .* is full\. Free some space/);
      expect(stored).toBeGreaterThan(0);
      expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(stored);
      db.close();
    } finally {
      undo();
    }
  });
});
