/**
 * Streams pages of rows through a format writer into `<path>.partial`, hashing as it writes, then
 * renames it to `<path>`: a cancelled or failed export (a full disk) leaves nothing under the
 * final name, and its partial file is removed. Synchronous on purpose: it runs in a reader
 * worker, one page in memory at a time.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { ExportRow, FormatWriter } from './export-row.ts';

export interface ExportProgress {
  rows: number;
  bytes: number;
}

export interface WrittenFile extends ExportProgress {
  sha256: string;
}

/** A failure the user can act on (a full disk, a folder that is not writable): its message is the sentence. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export function partialPath(path: string): string {
  return `${path}.partial`;
}

/** The sentence for a write that failed, naming the file and what to do. */
export function writeFailure(path: string, error: unknown): ExportError {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ExportError(`The disk is full: the export to ${path} was stopped and its partial file removed. Free some space or choose another folder, then run it again.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ExportError(`Trailkeeper may not write ${path} (${code}): choose another folder.`);
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ExportError(`The folder for ${path} does not exist.`);
  return new ExportError(`Writing ${path} failed: ${error instanceof Error ? error.message : String(error)}.`);
}

/** Writes `text` fully at the file's current position. */
function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * Writes the export (events, or other rows its writer knows: a findings list). `pages` yields
 * rows in order; `beforePage` may throw to cancel (it is called before each page is fetched);
 * `onProgress` hears rows and bytes after each page.
 */
export function writeExport<Row = ExportRow>(opts: {
  path: string;
  writer: FormatWriter<Row>;
  pages: Iterable<readonly Row[]>;
  onProgress?: (p: ExportProgress) => void;
}): WrittenFile {
  const partial = partialPath(opts.path);
  const hash = createHash('sha256');
  let fd: number;
  try {
    fd = openSync(partial, 'w', 0o600);
  } catch (error) {
    throw writeFailure(opts.path, error);
  }
  let rows = 0;
  let bytes = 0;
  let done = false;
  // One scratch buffer for every page (grown when a page needs more): no new off-heap buffer per
  // page for the collector to find, which keeps a long export's memory flat.
  let scratch = Buffer.allocUnsafe(1 << 20);
  const put = (text: string) => {
    if (text === '') return;
    const need = Buffer.byteLength(text, 'utf8');
    if (need > scratch.length) scratch = Buffer.allocUnsafe(Math.max(need, scratch.length * 2));
    const buf = scratch.subarray(0, scratch.write(text, 'utf8'));
    try {
      writeAll(fd, buf);
    } catch (error) {
      throw writeFailure(opts.path, error);
    }
    hash.update(buf);
    bytes += buf.length;
  };
  try {
    put(opts.writer.head());
    let first = true;
    for (const page of opts.pages) {
      put(opts.writer.rows(page, first));
      first = false;
      rows += page.length;
      opts.onProgress?.({ rows, bytes });
    }
    put(opts.writer.tail());
    try {
      fsyncSync(fd);
    } catch (error) {
      throw writeFailure(opts.path, error);
    }
    closeSync(fd);
    fd = -1;
    renameSync(partial, opts.path);
    done = true;
    return { rows, bytes, sha256: hash.digest('hex') };
  } finally {
    if (!done) {
      if (fd !== -1) {
        try {
          closeSync(fd);
        } catch {
          // already failing; the partial file is removed below
        }
      }
      rmSync(partial, { force: true });
    }
  }
}

/** Writes a small text file the same way (partial, fsync, rename). */
export function writeSmallFile(path: string, text: string): void {
  writeExport({ path, writer: { extension: '', head: () => text, rows: () => '', tail: () => '' }, pages: [] });
}
