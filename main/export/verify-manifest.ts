/**
 * Verifies an export against its manifest: the manifest's own canonical sha256 first, then each
 * file's size and sha256, then (given a way to read the workspace) every exported event's raw
 * text as stored now against the raw sha256 the file recorded. Reports match, or the first
 * mismatch and where. Runs where it can read files: a reader worker, or the command line.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { MANIFEST_FORMAT, MANIFEST_VERSION, SELF_HASH_FIELD, manifestDigest, type ExportManifest } from './manifest.ts';
import { unneutralise } from './csv.ts';

export interface Mismatch {
  /** What failed: the manifest itself, one exported file, or one event against the workspace. */
  kind: 'manifest' | 'file' | 'event';
  /** The manifest's path, the file's name, or `event id N (row R of NAME)`. */
  where: string;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  filesChecked: number;
  /** Exported events compared with the workspace (0 when no workspace was given). */
  eventsChecked: number;
  firstMismatch: Mismatch | null;
}

/** Stored raw text for each id still in the workspace (ids it no longer holds are absent). */
export type RawLookup = (ids: number[]) => Map<number, string>;

const LOOKUP_BATCH = 500;

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function fail(report: Omit<VerifyReport, 'ok' | 'firstMismatch'>, m: Mismatch): VerifyReport {
  return { ...report, ok: false, firstMismatch: m };
}

/** Reads and checks the manifest itself; a mismatch when it is unreadable, foreign or edited. */
export function readManifest(path: string): { manifest: ExportManifest } | { mismatch: Mismatch } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { mismatch: { kind: 'manifest', where: path, detail: `cannot be read (${(error as { code?: string }).code ?? String(error)})` } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { mismatch: { kind: 'manifest', where: path, detail: `is not valid JSON (${(error as Error).message})` } };
  }
  const m = parsed as Partial<ExportManifest> & Record<string, unknown>;
  if (typeof m !== 'object' || m === null || m.format !== MANIFEST_FORMAT) {
    return { mismatch: { kind: 'manifest', where: path, detail: `is not a Trailkeeper export manifest (format is not "${MANIFEST_FORMAT}")` } };
  }
  if (m.version !== MANIFEST_VERSION) {
    return { mismatch: { kind: 'manifest', where: path, detail: `has version ${String(m.version)}; this Trailkeeper reads version ${MANIFEST_VERSION}` } };
  }
  const digest = manifestDigest(m);
  if (m[SELF_HASH_FIELD] !== digest) {
    return {
      mismatch: {
        kind: 'manifest',
        where: path,
        detail: `its ${SELF_HASH_FIELD} ${String(m[SELF_HASH_FIELD])} does not match its content (${digest}): the manifest was changed after export`,
      },
    };
  }
  if (!Array.isArray(m.files)) return { mismatch: { kind: 'manifest', where: path, detail: 'lists no files' } };
  return { manifest: m as ExportManifest };
}

/** Each exported row's id and recorded raw sha256, in file order (CSV, NDJSON and JSON exports). */
export function* exportedRowKeys(path: string, format: string): Generator<{ id: number; rawSha256: string }> {
  if (format === 'ndjson' || format === 'json') {
    // Our JSON array holds one object per line (json.ts); the file's hash was checked first.
    for (const line of linesOf(path)) {
      const text = format === 'json' ? line.replace(/,$/, '') : line;
      if (text === '' || text === '[' || text === ']') continue;
      const obj = JSON.parse(text) as { id: number; rawSha256: string };
      yield { id: obj.id, rawSha256: obj.rawSha256 };
    }
    return;
  }
  if (format === 'csv') {
    let header: string[] | null = null;
    let idCol = -1;
    let hashCol = -1;
    for (const records of csvRecordChunks(path)) {
      const parsed = Papa.parse<string[]>(records, { header: false, skipEmptyLines: true, newline: '\r\n' });
      for (const row of parsed.data) {
        if (header === null) {
          header = row.map(unneutralise);
          idCol = header.indexOf('id');
          hashCol = header.indexOf('raw_sha256');
          continue;
        }
        yield { id: Number(unneutralise(row[idCol] ?? '')), rawSha256: unneutralise(row[hashCol] ?? '') };
      }
    }
    return;
  }
  if (format === 'ocsf') {
    for (const line of linesOf(path)) {
      if (line === '') continue;
      const t = (JSON.parse(line) as { unmapped: { trailkeeper: { id: number; rawSha256: string } } }).unmapped.trailkeeper;
      yield { id: t.id, rawSha256: t.rawSha256 };
    }
    return;
  }
  if (format === 'syslog') {
    // Each line's structured data carries id="N" and rawSha256="…" (syslog5424.ts).
    for (const line of linesOf(path)) {
      if (line === '') continue;
      const id = / id="(\d+)"/.exec(line)?.[1];
      const sha = / rawSha256="([0-9a-f]{64})"/.exec(line)?.[1];
      yield { id: Number(id), rawSha256: sha ?? '' };
    }
    return;
  }
  throw new Error(`Events in a ${format} export cannot be checked against the workspace yet.`);
}

/**
 * Whole CSV records, about a megabyte at a time, so a large export is checked in bounded memory:
 * a line break ends a record only outside quotes (an escaped quote `""` toggles twice).
 */
function* csvRecordChunks(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    const decoder = new TextDecoder('utf-8');
    let pending = '';
    let scanned = 0;
    let inQuotes = false;
    let lastEnd = -1;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      pending += decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      for (; scanned < pending.length; scanned++) {
        const c = pending.charCodeAt(scanned);
        if (c === 34) inQuotes = !inQuotes;
        else if (c === 10 && !inQuotes) lastEnd = scanned;
      }
      if (n === 0) {
        if (pending !== '') yield pending;
        return;
      }
      if (lastEnd >= 0) {
        yield pending.slice(0, lastEnd + 1);
        pending = pending.slice(lastEnd + 1);
        scanned = pending.length;
        lastEnd = -1;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Lines of a file, read a megabyte at a time. */
function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    // A streaming decoder: a character split across two reads is decoded whole.
    const decoder = new TextDecoder('utf-8');
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const chunk = rest + decoder.decode(buf.subarray(0, n), { stream: true });
      const parts = chunk.split('\n');
      rest = parts.pop() ?? '';
      yield* parts;
    }
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

export function verifyExport(manifestPath: string, lookupRaw?: RawLookup): VerifyReport {
  const counts = { filesChecked: 0, eventsChecked: 0 };
  const read = readManifest(manifestPath);
  if ('mismatch' in read) return fail(counts, read.mismatch);
  const { manifest } = read;
  const folder = dirname(manifestPath);
  for (const file of manifest.files) {
    const path = join(folder, file.name);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return fail(counts, { kind: 'file', where: file.name, detail: `is missing (looked for ${path})` });
    }
    if (size !== file.bytes) {
      return fail(counts, { kind: 'file', where: file.name, detail: `is ${size} bytes; the manifest says ${file.bytes}` });
    }
    const digest = sha256File(path);
    if (digest !== file.sha256) {
      return fail(counts, { kind: 'file', where: file.name, detail: `has sha256 ${digest}; the manifest says ${file.sha256}: the file was changed after export` });
    }
    counts.filesChecked++;
  }
  // Parquet parts carry the events' ids inside JSON columns that need a Parquet reader, and a
  // findings list (findings-csv, findings-ndjson) holds findings, not events: files only.
  if (lookupRaw && manifest.exportFormat !== 'ocsf-parquet' && !manifest.exportFormat.startsWith('findings-')) {
    for (const file of manifest.files) {
      const mismatch = checkEvents(join(folder, file.name), file.name, manifest.exportFormat, lookupRaw, counts);
      if (mismatch) return fail(counts, mismatch);
    }
  }
  return { ...counts, ok: true, firstMismatch: null };
}

function checkEvents(
  path: string,
  name: string,
  format: string,
  lookupRaw: RawLookup,
  counts: { eventsChecked: number },
): Mismatch | null {
  let batch: { id: number; rawSha256: string; row: number }[] = [];
  let row = 0;
  const flush = (): Mismatch | null => {
    const stored = lookupRaw(batch.map((b) => b.id));
    for (const b of batch) {
      const raw = stored.get(b.id);
      const where = `event id ${b.id} (row ${b.row} of ${name})`;
      if (raw === undefined) return { kind: 'event', where, detail: 'is no longer in the workspace' };
      const now = createHash('sha256').update(raw, 'utf8').digest('hex');
      if (now !== b.rawSha256) {
        return { kind: 'event', where, detail: `its stored raw text now has sha256 ${now}; the export recorded ${b.rawSha256}` };
      }
      counts.eventsChecked++;
    }
    batch = [];
    return null;
  };
  for (const key of exportedRowKeys(path, format)) {
    batch.push({ ...key, row: ++row });
    if (batch.length >= LOOKUP_BATCH) {
      const m = flush();
      if (m) return m;
    }
  }
  return batch.length ? flush() : null;
}
