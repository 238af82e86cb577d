/**
 * Retention under SIGKILL (issue 12): a child purges a workspace day by day and is killed at
 * random moments. After every kill the events, the daily rollups, each tenant's event_count and
 * newest_ts, and the batches' purge counts agree (verify passes): a purge chunk commits whole or
 * not at all.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { closeWorkspace, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, chunk, makeEvents, prng, removeTempDirs, tempWorkspacePath } from './fixtures.ts';
import { rollupMismatch } from './rollup-check.ts';

afterAll(removeTempDirs);

const CHILD = fileURLToPath(new URL('./retention-kill-child.ts', import.meta.url));
const KILLS = 10;
const PER_TENANT = 3_000;

/** Starts the child from `startDay`, kills it `delayMs` after it says `running`; returns the last day it finished. */
function runAndKill(workspace: string, startDay: number, delayMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, workspace, String(startDay)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const first = stdout === '';
      stdout += d.toString();
      if (first && stdout.startsWith('running\n')) setTimeout(() => (killed = child.kill('SIGKILL')), delayMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const days = [...stdout.matchAll(/^purged (\d+)$/gm)].map((m) => Number(m[1]));
      if (killed && signal === 'SIGKILL') resolve(days.at(-1) ?? null);
      else reject(new Error(`retention child ended by itself (code ${code}, signal ${signal}): ${stderr || stdout}`));
    });
  });
}

describe('retention under SIGKILL', () => {
  it(`keeps events, rollups, counters and verify in step across ${KILLS} kills`, { timeout: 180_000 }, async () => {
    const workspace = tempWorkspacePath('retention-kill.trailkeeper');
    const w = openWorkspaceForWrite(workspace);
    const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
    const writer = new EventWriter(w);
    for (const name of ['Alpha', 'Bravo']) {
      const tenantId = ensureTenant(w, conn, { externalId: name, name, groups: [] });
      const events = makeEvents(name.length * 7, PER_TENANT, { prefix: name, startTs: BASE_TS, minutes: 60 * 24 * 60 });
      for (const batch of chunk(events, 500)) writer.ingestBatch({ tenantId, events: batch });
    }
    closeWorkspace(w);

    const rng = prng(77);
    let startDay = 0;
    let progressed = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const delayMs = Math.floor(rng() * 300);
      const lastDay = await runAndKill(workspace, startDay, delayMs);
      if (lastDay !== null) {
        progressed++;
        startDay = lastDay + 1;
      }
      const db = openWorkspaceForWrite(workspace);
      try {
        const where = `after kill ${kill} (delay ${delayMs} ms)`;
        expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
        expect(rollupMismatch(db), where).toBeNull();
        const counters = db.prepare('SELECT id, event_count, newest_ts FROM tenants ORDER BY id').all();
        const actual = db
          .prepare('SELECT t.id, count(e.id) AS event_count, max(e.ts) AS newest_ts FROM tenants t LEFT JOIN events e ON e.tenant_id = t.id GROUP BY t.id ORDER BY t.id')
          .all();
        expect(counters, where).toEqual(actual);
        const left = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
        const purged = (db.prepare('SELECT sum(purged) AS n FROM batches').get() as { n: number }).n;
        expect(left + purged, where).toBe(2 * PER_TENANT);
        expect(verifyWorkspace(db as unknown as ReadDb), where).toMatchObject({ ok: true, eventsChecked: left, firstBreak: null });
      } finally {
        db.close();
      }
    }
    // The kills landed while purging, not only before or after it.
    expect(progressed).toBeGreaterThanOrEqual(2);
    const db = openWorkspaceForWrite(workspace);
    const left = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    db.close();
    expect(left).toBeLessThan(2 * PER_TENANT);
  });
});
