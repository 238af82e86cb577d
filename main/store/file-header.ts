/**
 * Reads the 100-byte SQLite header and page 1's b-tree header with plain file I/O, so a file can
 * be judged (another application's, a newer schema, an empty database someone marked) without
 * SQLite opening it: a read-only SQLite connection to a WAL-mode file creates -wal and -shm
 * beside it, and this build of better-sqlite3 takes no `immutable=1` URI (SQLITE_USE_URI=0).
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface SqliteHeader {
  /** Header bytes 18–19 are 2: the file is in WAL mode. */
  walMode: boolean;
  userVersion: number;
  applicationId: number;
  /** Whether sqlite_schema has no rows (page 1 an empty leaf); null when page 1 is no table b-tree. */
  schemaEmpty: boolean | null;
}

const MAGIC = 'SQLite format 3\0';
const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;

/** The header of the SQLite file at `path`, or null when it is not one. Throws fs errors (EACCES…). */
export function readSqliteHeader(path: string): SqliteHeader | null {
  const bytes = Buffer.alloc(108);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 108 || bytes.toString('latin1', 0, 16) !== MAGIC) return null;
  const pageType = bytes[100];
  return {
    walMode: bytes[18] === 2 && bytes[19] === 2,
    userVersion: bytes.readInt32BE(60),
    applicationId: bytes.readInt32BE(68),
    schemaEmpty: pageType === LEAF_TABLE ? bytes.readUInt16BE(103) === 0 : pageType === INTERIOR_TABLE ? false : null,
  };
}
