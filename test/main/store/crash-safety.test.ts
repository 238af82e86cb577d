/**
 * Crash safety: a writer process is SIGKILLed at random moments, again and again, on the same
 * workspace. After every kill the workspace must open, be intact, hold only whole batches, and
 * have a checkpoint that names exactly the last batch it holds.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../main/store/hash.ts';
import { openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { ftsWatermark } from '../../../main/store/fts-indexer.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { rollupMismatch } from './rollup-check.ts';
import {
  CRASH_BATCH_SIZE, CRASH_RESEND, crashBatch, crashBatchNew, maxTs, prng, removeTempDirs, tempWorkspacePath,
} from './fixtures.ts';

afterAll(removeTempDirs);

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const KILLS = 50;
const SEED = 4242;

interface Run {
  /** The batch number the child announced it would write next. */
  startedAt: number;
  delayMs: number;
}

/** Starts the child, waits for `running`, waits `delayMs`, SIGKILLs it and waits for it to die. */
function runAndKill(workspace: string, delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, workspace, String(SEED)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let startedAt: number | null = null;
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^running (\d+)\n/.exec(stdout);
      if (m && startedAt === null) {
        startedAt = Number(m[1]);
        setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (killed && signal === 'SIGKILL' && startedAt !== null) resolve({ startedAt, delayMs });
      else reject(new Error(`crash child ended by itself (code ${code}, signal ${signal}): ${stderr || stdout}`));
    });
  });
}

const one = <T>(db: WriteDb, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments during ingest`, { timeout: 180_000 }, async () => {
    const workspace = tempWorkspacePath('crash.trailkeeper');
    const rng = prng(SEED);
    const started = Date.now();
    let lastN = -1; // last complete batch seen so far
    let highWater = -Infinity;
    let progressed = 0;
    let resumedCorrectly = 0;

    for (let kill = 0; kill < KILLS; kill++) {
      const delayMs = 20 + Math.floor(rng() * 381);
      const run = await runAndKill(workspace, delayMs);
      // The child resumes right after the batch the checkpoint names.
      expect(run.startedAt, `kill ${kill}: child resumed at`).toBe(lastN + 1);
      resumedCorrectly++;

      const db = openWorkspaceForWrite(workspace);
      try {
        const where = `after kill ${kill} (delay ${delayMs} ms)`;
        expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');

        // Every stored batch is whole, and no event lies outside a batch.
        const broken = db
          .prepare(
            `SELECT b.id, b.event_count, coalesce(c.n, 0) AS n
             FROM batches b LEFT JOIN (SELECT batch_id, count(*) AS n FROM events GROUP BY batch_id) c ON c.batch_id = b.id
             WHERE coalesce(c.n, 0) <> b.event_count OR b.event_count <> ?`,
          )
          .all(CRASH_BATCH_SIZE);
        expect(broken, where).toEqual([]);
        expect(
          one<{ n: number }>(db, 'SELECT count(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = e.batch_id)').n,
          where,
        ).toBe(0);

        const tenant = one<{ id: number; event_count: number } | undefined>(db, 'SELECT id, event_count FROM tenants');
        const checkpoint = one<{ cursor: string; high_water: number } | undefined>(db, 'SELECT cursor, high_water FROM checkpoints');
        const totalEvents = one<{ n: number }>(db, 'SELECT count(*) AS n FROM events').n;
        const totalBatches = one<{ n: number }>(db, 'SELECT count(*) AS n FROM batches').n;
        if (!checkpoint) {
          // Killed before the first batch committed: nothing at all may be there.
          expect(totalEvents, where).toBe(0);
          expect(totalBatches, where).toBe(0);
          continue;
        }
        const n = Number(/^batch-(\d+)$/.exec(checkpoint.cursor)?.[1] ?? NaN);
        expect(n, `${where}: cursor ${checkpoint.cursor}`).toBeGreaterThanOrEqual(lastN);
        if (n > lastN) progressed++;

        // Batches 0..n and nothing else: counts, the newest batch is batch n, the high-water mark.
        expect(totalBatches, where).toBe(n + 1);
        expect(totalEvents, where).toBe((n + 1) * CRASH_BATCH_SIZE);
        expect(tenant!.event_count, where).toBe(totalEvents);
        for (let k = lastN + 1; k <= n; k++) highWater = Math.max(highWater, maxTs(crashBatch(SEED, k)));
        expect(checkpoint.high_water, where).toBe(highWater);

        // The batches written since the last kill hold exactly their events, byte for byte.
        const batchIds = (db.prepare('SELECT id FROM batches ORDER BY id').all() as { id: number }[]).map((r) => r.id);
        // A batch's events are found by its id (batch_id); its recorded id range bounds the scan.
        const ofBatch = db.prepare(
          `SELECT e.source_id, e.raw_sha256 FROM batches b JOIN events e ON e.id BETWEEN b.first_event AND b.last_event
           WHERE b.id = ? AND e.batch_id = b.id ORDER BY e.id`,
        );
        for (let k = Math.max(0, lastN + 1); k <= n; k++) {
          const stored = ofBatch.all(batchIds[k]) as { source_id: string; raw_sha256: string }[];
          const expected = crashBatchNew(SEED, k).map((e) => ({ source_id: e.sourceId, raw_sha256: sha256Hex(e.raw) }));
          expect(stored, `${where}: batch ${k}`).toEqual(expected);
        }

        // No duplicates (every raw text is unique in this sequence), and FTS matches the events.
        expect(one<{ n: number }>(db, 'SELECT count(DISTINCT raw_sha256) AS n FROM events').n, where).toBe(totalEvents);
        // Full text trails ingest: FTS rows exist for exactly the events up to the indexer's watermark.
        const watermark = ftsWatermark(db);
        expect(watermark, where).toBeLessThanOrEqual(one<{ m: number }>(db, 'SELECT max(id) AS m FROM events').m);
        expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM events_fts').n, where).toBe(
          one<{ n: number }>(db, 'SELECT count(*) AS n FROM events WHERE id <= ?', watermark).n,
        );

        // The daily rollups commit with their batch: they equal a full scan after every kill.
        expect(rollupMismatch(db), where).toBeNull();

        const verdict = verifyWorkspace(db as unknown as ReadDb);
        expect(verdict, where).toEqual({ ok: true, eventsChecked: totalEvents, eventsNotRederived: totalEvents, batchesChecked: n + 1, firstBreak: null });
        lastN = n;
      } finally {
        db.close();
      }
    }

    const seconds = (Date.now() - started) / 1000;
    console.log(
      `crash safety: ${KILLS} kills in ${seconds.toFixed(1)} s, ${lastN + 1} batches of ${CRASH_BATCH_SIZE} ` +
        `(+${CRASH_RESEND} re-sent each), progress in ${progressed} runs`,
    );
    expect(resumedCorrectly).toBe(KILLS);
    // The child was really writing when it was killed, most of the time.
    expect(progressed).toBeGreaterThanOrEqual(KILLS / 2);
    expect(lastN + 1).toBeGreaterThan(KILLS);
  });
});
