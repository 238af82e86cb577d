/**
 * The set-up the connector tests share: the tenant simulator on a fake clock an hour past END
 * (its rate-limit resets and the connector's waits agree without real sleeping), and a pull
 * context for the last 31 days with an hour's overlap that records every rate-limit wait. The
 * simulator closes after each test. Call useConnectorSim once at the top of a test file.
 */
import { afterEach } from 'vitest';
import type { Credentials } from '../../../../main/sync/connector.ts';
import { startTenantSim, type TenantSim, type TenantSimOptions } from '../../../sim/tenants/server.ts';
import { fakeClock, type FakeClock, type HarnessContext } from './pull-harness.ts';

export const END = Date.UTC(2026, 0, 15);
export const HOUR = 3_600_000;

export interface ConnectorSim {
  sim: TenantSim;
  clock: FakeClock;
  h: HarnessContext;
  waits: { ms: number; reason: string }[];
}

export function useConnectorSim(): (opts: TenantSimOptions, credentials: Credentials) => Promise<ConnectorSim> {
  let sim: TenantSim | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });
  return async (opts, credentials) => {
    const clock = fakeClock(END + HOUR);
    sim = await startTenantSim({ events: 20, now: clock.now, ...opts });
    const waits: { ms: number; reason: string }[] = [];
    const h: HarnessContext = { credentials, clock, since: END - 31 * 24 * HOUR, overlapMs: HOUR, onWait: (ms, reason) => waits.push({ ms, reason }) };
    return { sim, clock, h, waits };
  };
}
