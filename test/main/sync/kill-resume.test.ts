/**
 * Crash safety of sync: a child process syncing from the simulator is SIGKILLed mid-run three
 * times, at different points; the next start closes the interrupted runs and resumes from the
 * last committed checkpoint. The final local set equals the source set, and the hash chain verifies.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SIM } from '../../sim/tenants/credentials.ts';
import { tempWorkspacePath } from '../store/fixtures.ts';
import { localSet, sourceSet } from './sim-harness.ts';
import { useSimFixture } from './sim-fixture.ts';

const child = new URL('./sync-child.ts', import.meta.url).pathname;
const fixture = useSimFixture();

/** Runs the child; kills it with SIGKILL once its run has inserted `killAfter` events (null: let it finish). */
function runChild(path: string, oktaUrl: string, killAfter: number | null): Promise<{ killed: boolean; lastInserted: number; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', child, path, oktaUrl, SIM.okta.apiToken], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let lastInserted = 0;
    let killed = false;
    let buffer = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        output += `${line}\n`;
        const p = JSON.parse(line) as { inserted?: number };
        lastInserted = p.inserted ?? lastInserted;
        if (killAfter !== null && !killed && lastInserted >= killAfter) {
          killed = true;
          proc.kill('SIGKILL');
        }
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.once('error', reject);
    proc.once('exit', (code, signal) => {
      if (killAfter === null && code !== 0) reject(new Error(`child exited ${code ?? signal}:\n${output}`));
      else resolve({ killed, lastInserted, output });
    });
  });
}

describe('sync killed mid-run', () => {
  it('SIGKILL three times, then a full run: the local set equals the source set, no gap, no duplicate', async () => {
    const sim = await fixture.startSim({ end: Date.now() - 3_600_000, events: 10, sizes: { 'okta:acme': 30_000 }, faults: { every: 6, kinds: ['server-error', 'truncate', 'repeat', 'drop'] } });
    const path = tempWorkspacePath();
    for (const killAfter of [3_000, 5_200, 7_400]) {
      const result = await runChild(path, sim.urls.okta, killAfter);
      expect(result.killed, result.output.slice(-2000)).toBe(true);
    }
    const partial = localSet(path, 1).size;
    expect(partial).toBeGreaterThanOrEqual(3_000 + 5_200 + 7_400);
    expect(partial).toBeLessThan(30_000);

    await runChild(path, sim.urls.okta, null);
    const db = new Database(path, { readonly: true });
    const tenantId = (db.prepare('SELECT id FROM tenants').get() as { id: number }).id;
    const runs = db.prepare('SELECT status, error FROM sync_runs WHERE tenant_id = ? ORDER BY id').all(tenantId) as { status: string; error: string | null }[];
    db.close();
    expect(localSet(path, tenantId)).toEqual(sourceSet(sim.feed('okta:acme'), false));
    expect(runs.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'ok']);
    expect(runs[0]!.error).toBe('The sync was interrupted (Trailkeeper stopped); it resumes from its last checkpoint.');

    const { sync } = await fixture.openSync({}, path);
    expect((await sync.store.read('verify', {})).ok).toBe(true);
  }, 300_000);
});
