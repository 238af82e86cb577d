/**
 * The set-up the simulator sync tests share: a test starts one tenant simulator and opens one
 * SimSync (sim-harness.ts) on a temp workspace; after each test the sync closes first (so no run
 * is left pulling from a closed simulator), then the simulator, and the temp workspaces go.
 * Call it once at the top of a test file.
 */
import { afterEach } from 'vitest';
import { startTenantSim, type TenantSim, type TenantSimOptions } from '../../sim/tenants/server.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';
import { openSimSync, type SimSync, type SimSyncOptions } from './sim-harness.ts';

export interface SimFixture {
  startSim(opts?: TenantSimOptions): Promise<TenantSim>;
  /** Opens the SimSync on `path` (a fresh temp workspace unless given), closed after the test. */
  openSync(opts?: SimSyncOptions, path?: string): Promise<{ sync: SimSync; path: string }>;
}

export function useSimFixture(): SimFixture {
  let sim: TenantSim | null = null;
  let sync: SimSync | null = null;
  afterEach(async () => {
    await sync?.close();
    await sim?.close();
    sync = null;
    sim = null;
    removeTempDirs();
  });
  return {
    startSim: async (opts) => (sim = await startTenantSim(opts)),
    openSync: async (opts, path = tempWorkspacePath()) => {
      sync = await openSimSync(path, opts);
      return { sync, path };
    },
  };
}
