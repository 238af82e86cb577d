import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, openSync, closeSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../main/store/migrations/index.ts';
import {
  APPLICATION_ID, WorkspaceError, closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite,
} from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { chunk, makeEvents, prng, removeTempDirs, tempDir, tempWorkspacePath } from './fixtures.ts';

afterAll(removeTempDirs);

function fingerprint(path: string): { size: number; sha256: string } {
  return { size: statSync(path).size, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/** A closed workspace with a few thousand events, so that it spans many pages. */
function buildWorkspace(path: string): void {
  const db = openWorkspaceForWrite(path);
  const connectionId = ensureConnection(db, { kind: 'okta', label: 'Acme', baseUrl: null });
  const tenantId = ensureTenant(db, connectionId, { externalId: 'acme', name: 'Acme', groups: [] });
  const writer = new EventWriter(db);
  for (const events of chunk(makeEvents(7, 3000), 500)) writer.ingestBatch({ tenantId, events });
  closeWorkspace(db);
}

/** Expects opening `path` for write to be refused with a sentence naming the file and `reason`, the file untouched. */
function expectRefused(path: string, reason: RegExp): WorkspaceError {
  const before = fingerprint(path);
  let caught: unknown;
  try {
    openWorkspaceForWrite(path).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WorkspaceError);
  const error = caught as WorkspaceError;
  expect(error.name).toBe('WorkspaceError');
  expect(error.message).toContain(path);
  expect(error.message).toMatch(reason);
  expect(fingerprint(path)).toEqual(before);
  return error;
}

describe('openWorkspaceForWrite refuses what is not a Trailkeeper workspace, leaving it untouched', () => {
  let realWorkspace: string;

  beforeAll(() => {
    realWorkspace = tempWorkspacePath('real.trailkeeper');
    buildWorkspace(realWorkspace);
  });

  it('a file of random bytes', () => {
    const path = join(tempDir(), 'random.bin');
    const rng = prng(42);
    writeFileSync(path, Buffer.from(Array.from({ length: 16_384 }, () => Math.floor(rng() * 256))));
    expectRefused(path, /not a SQLite database/);
  });

  it('a text file', () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(200));
    expectRefused(path, /not a SQLite database/);
  });

  it('a workspace with garbage pages in the middle', () => {
    const path = join(tempDir(), 'corrupt.trailkeeper');
    copyFileSync(realWorkspace, path);
    const { size } = statSync(path);
    const pageSize = 4096;
    const pages = Math.floor(size / pageSize);
    expect(pages).toBeGreaterThan(20);
    const rng = prng(99);
    const fd = openSync(path, 'r+');
    try {
      for (let p = Math.floor(pages * 0.4); p < Math.floor(pages * 0.6); p++) {
        const garbage = Buffer.from(Array.from({ length: pageSize }, () => Math.floor(rng() * 256)));
        writeSync(fd, garbage, 0, pageSize, p * pageSize);
      }
    } finally {
      closeSync(fd);
    }
    expectRefused(path, /integrity check failed|corrupt|malformed/);
  });

  it('a truncated workspace', () => {
    const path = join(tempDir(), 'truncated.trailkeeper');
    const bytes = readFileSync(realWorkspace);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefused(path, /integrity check failed|corrupt|malformed/);
  });

  it('a SQLite database of another application', () => {
    const path = join(tempDir(), 'other-app.db');
    const other = new Database(path);
    other.exec(`CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO recipes (title) VALUES ('soup');`);
    other.close();
    expect(new Database(path, { readonly: true }).pragma('application_id', { simple: true })).toBe(0);
    expectRefused(path, /another application/);
    // Its table is still there and nothing of ours was added.
    const check = new Database(path, { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_schema`).all()).toEqual([{ name: 'recipes' }]);
    check.close();
  });

  it('a SQLite database stamped with another application id', () => {
    const path = join(tempDir(), 'other-id.db');
    const other = new Database(path);
    other.pragma('application_id = 1234');
    other.close();
    expectRefused(path, /another application/);
  });

  it('a workspace of a newer schema', () => {
    const path = join(tempDir(), 'newer.trailkeeper');
    copyFileSync(realWorkspace, path);
    const plain = new Database(path);
    plain.pragma(`user_version = ${LATEST_VERSION + 1}`);
    plain.pragma('journal_mode = DELETE');
    plain.close();
    const error = expectRefused(path, /newer Trailkeeper/);
    expect(error.message).toContain(`schema ${LATEST_VERSION + 1}`);
  });
});

describe('openWorkspaceForWrite creates workspaces', () => {
  it('from an empty (0-byte) file', () => {
    const path = join(tempDir(), 'empty.trailkeeper');
    writeFileSync(path, '');
    const db = openWorkspaceForWrite(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    closeWorkspace(db);
    expect(statSync(path).size).toBeGreaterThan(0);
  });

  it('from a missing path, and reopens it', () => {
    const path = tempWorkspacePath();
    expect(existsSync(path)).toBe(false);
    const db = openWorkspaceForWrite(path);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    closeWorkspace(db);
    const again = openWorkspaceForWrite(path);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    closeWorkspace(again);
  });

  it('with WAL, synchronous=FULL and foreign keys on', () => {
    const db = openWorkspaceForWrite(tempWorkspacePath());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('page_size', { simple: true })).toBe(16384);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      closeWorkspace(db);
    }
  });

  it('a read handle refuses writes', () => {
    const path = tempWorkspacePath();
    closeWorkspace(openWorkspaceForWrite(path));
    const db = openWorkspaceForRead(path);
    try {
      expect(db.pragma('query_only', { simple: true })).toBe(1);
      expect(() => db.exec(`INSERT INTO presets (name, view, created_at, updated_at) VALUES ('p', '{}', 1, 1)`)).toThrow(
        /readonly/,
      );
    } finally {
      db.close();
    }
  });
});
