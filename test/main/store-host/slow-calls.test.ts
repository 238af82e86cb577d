import { afterAll, describe, expect, it } from 'vitest';
import { SLOW_CALL_MS, StoreHost, type RunOptions } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const warnings: string[] = [];
let host: StoreHost | undefined;

afterAll(async () => {
  await host?.close();
  removeTempDirs();
});

describe('slow store calls', () => {
  it('logs a read slower than the threshold with its op and time, and nothing for a quick one', async () => {
    host = await StoreHost.open({
      workspacePath: tempWorkspacePath(),
      workerUrl: new URL('../../support/test-store-worker.ts', import.meta.url),
      readers: 1,
      log: { warn: (message) => warnings.push(message) },
    });
    await host.read('totalEvents', undefined);
    expect(warnings).toEqual([]);
    const spin = (host.read as unknown as (op: string, args: unknown, o?: RunOptions) => Promise<unknown>).bind(host);
    await spin('spin', { ms: SLOW_CALL_MS + 150 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[trailkeeper\] slow store read "spin" took \d+ ms$/);
    expect(Number(/took (\d+) ms/.exec(warnings[0]!)![1])).toBeGreaterThanOrEqual(SLOW_CALL_MS);
  });
});
