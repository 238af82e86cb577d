/**
 * The built-in demo data set (resources/demo, written by scripts/make-demo.ts): its manifest,
 * and copies of its files moved in time so the newest event lands within the last day. The
 * copies go through the same readAuditFile path as any imported file. A copy is a temporary
 * file named with the writing process's id, so copies left by a killed load are recognised
 * (their process is gone) and removed before the next copy is written.
 */
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import { SOURCE_KINDS, type SourceKind } from '../ingest/sources/index.ts';
import { parseIsoMs } from '../ingest/sources/time.ts';
import { shiftLine } from './shift-time.ts';

export interface DemoTenant {
  externalId: string;
  name: string;
  groups: string[];
  kind: SourceKind;
  /** File name inside resources/demo (gzipped NDJSON in the source's own JSON shape). */
  file: string;
}

export interface DemoConnection {
  kind: SourceKind;
  label: string;
  baseUrl: string | null;
  tenants: DemoTenant[];
}

export interface DemoManifest {
  anchor: string;
  connections: DemoConnection[];
}

const DAY_MS = 86_400_000;

const kind = z.enum(SOURCE_KINDS as [SourceKind, ...SourceKind[]]);
const manifestSchema = z.object({
  anchor: z.string().refine((s) => parseIsoMs(s) !== null, 'anchor must be an ISO-8601 time with a zone'),
  connections: z.array(
    z.object({
      kind,
      label: z.string().min(1),
      baseUrl: z.string().nullable(),
      tenants: z.array(
        z.object({
          externalId: z.string().min(1),
          name: z.string().min(1),
          groups: z.array(z.string()),
          kind,
          // A bare file name: the manifest cannot point outside resources/demo.
          file: z.string().regex(/^[\w.-]+$/),
        }),
      ),
    }),
  ),
});

/** Reads resources/demo/demo.json; `resourcesDir` is the app's resources folder. */
export function readDemoManifest(resourcesDir: string): DemoManifest {
  const path = join(resourcesDir, 'demo', 'demo.json');
  if (!existsSync(path)) throw new Error(`The demo data set is missing: ${path} does not exist.`);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`The demo manifest ${path} is invalid: ${parsed.error.issues[0]?.message ?? 'unknown error'}.`);
  return parsed.data;
}

/**
 * The shift, in whole days, that moves the anchor (the newest demo event) into the day ending
 * at `now`: anchor + shift is in (now − 1 day, now]. Whole days keep every event's time of day.
 */
export function demoShiftMs(anchorIso: string, now: number): number {
  const anchor = parseIsoMs(anchorIso);
  if (anchor === null) throw new Error(`The demo anchor "${anchorIso}" is not an ISO-8601 time with a zone.`);
  return Math.floor((now - anchor) / DAY_MS) * DAY_MS;
}

/**
 * Writes a temporary gzipped copy of a demo file with every record's timestamp moved by
 * `shiftMs` (in the source's own format) and returns its path. The caller deletes it; copies
 * a killed process left behind are removed first.
 */
export async function shiftedDemoFile(file: string, shiftMs: number, dir: string = tmpdir()): Promise<string> {
  await removeStaleDemoFiles(dir);
  const out = join(dir, `${TEMP_PREFIX}${process.pid}-${randomUUID()}-${basename(file).replace(/\.gz$/, '')}.gz`);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  async function* shifted(): AsyncGenerator<string> {
    for await (const line of lines) if (line.length > 0) yield `${shiftLine(line, shiftMs)}\n`;
  }
  try {
    await pipeline(Readable.from(shifted()), createGzip(), createWriteStream(out));
  } catch (err) {
    await rm(out, { force: true });
    throw err;
  }
  return out;
}

const TEMP_PREFIX = 'trailkeeper-demo-';
/** trailkeeper-demo-<pid>-<uuid>-<name>.gz */
const TEMP_NAME = /^trailkeeper-demo-(\d+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-.+\.gz$/;
/** Copies named before the process id was part of the name: removed once clearly abandoned. */
const LEGACY_NAME = /^trailkeeper-demo-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-.+\.gz$/;
const LEGACY_AGE_MS = 60 * 60 * 1000;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes demo copies in `dir` whose writing process no longer runs (a load killed before it
 * could delete them), and unnamed-process copies older than an hour. Returns the names removed.
 * A copy of a load still running, in this or another process, is left alone.
 */
export async function removeStaleDemoFiles(dir: string = tmpdir(), now: number = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = TEMP_NAME.exec(name)?.[1];
    let stale = false;
    if (pid !== undefined) stale = !processIsAlive(Number(pid));
    else if (LEGACY_NAME.test(name)) stale = await stat(join(dir, name)).then((s) => now - s.mtimeMs > LEGACY_AGE_MS, () => false);
    if (!stale) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
