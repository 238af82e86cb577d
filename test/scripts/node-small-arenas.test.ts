/**
 * scripts/node-small-arenas.mjs, which `npm run serve`, `npm run demo` and the benches start Node
 * through: the child gets MALLOC_ARENA_MAX=2 unless the caller chose a value, and the wrapper
 * exits as the child did, passing a SIGTERM on.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const wrapper = join(import.meta.dirname, '../../scripts/node-small-arenas.mjs');

function run(code: string, env: NodeJS.ProcessEnv = {}, afterStart?: (pid: number) => void): Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wrapper, '-e', code], { env: { ...process.env, MALLOC_ARENA_MAX: undefined, ...env } });
    let out = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('ready') && afterStart) {
        started = true;
        afterStart(child.pid!);
      }
    });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve({ out, code: exitCode, signal }));
  });
}

describe('node-small-arenas', () => {
  it('runs Node with two malloc arenas and exits with its code', async () => {
    const r = await run('console.log(process.env.MALLOC_ARENA_MAX); process.exit(3)');
    expect(r).toEqual({ out: '2\n', code: 3, signal: null });
  });

  it("keeps the caller's own setting", async () => {
    const r = await run('console.log(process.env.MALLOC_ARENA_MAX)', { MALLOC_ARENA_MAX: '4' });
    expect(r).toEqual({ out: '4\n', code: 0, signal: null });
  });

  it('passes a SIGTERM to the child, and ends by the signal that ended the child', async () => {
    const graceful = await run("process.on('SIGTERM', () => { console.log('stopping'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000)", {}, (pid) => process.kill(pid, 'SIGTERM'));
    expect(graceful).toEqual({ out: 'ready\nstopping\n', code: 0, signal: null });
    const killed = await run("console.log('ready'); setInterval(() => {}, 1000)", {}, (pid) => process.kill(pid, 'SIGTERM'));
    expect(killed).toEqual({ out: 'ready\n', code: null, signal: 'SIGTERM' });
  });
});
