/**
 * The Okta connector against the simulator: a few thousand events with a fault every third list
 * request arrive exactly (ids and raw hashes), late events inside the overlap window arrive on the
 * next run, a bad token gives its sentence, and the X-Rate-Limit headers are honoured (the
 * connector waits for the reset on the injected clock instead of running into a 429).
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../../main/sync/connector.ts';
import { oktaConnector } from '../../../../main/sync/connectors/okta.ts';
import { SIM } from '../../../sim/tenants/credentials.ts';
import { ALL_FAULTS } from '../../../sim/tenants/faults.ts';
import type { TenantSimOptions } from '../../../sim/tenants/server.ts';
import { difference, emptyStore, pullContext, pullError, syncRun } from './pull-harness.ts';
import { END, useConnectorSim } from './sim-fixture.ts';

const startSim = useConnectorSim();

async function setup(opts: TenantSimOptions, token: string = SIM.okta.apiToken, scheme?: string) {
  const { sim, h, waits, clock } = await startSim(opts, { secret: token, ...(scheme !== undefined ? { scheme } : {}) });
  const conn: ConnectionConfig = { id: 1, kind: 'okta', label: 'Acme Okta', baseUrl: sim.urls.okta, options: { pageSize: 200 } };
  const [tenant] = await oktaConnector.listTenants(conn, pullContext(h));
  return { sim, conn, h, tenant: tenant!, waits, clock };
}

describe('Okta connector', () => {
  it('pulls 3,000 events through every fault kind exactly, and late events on the next run', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'okta:acme': 3000 }, late: 20, faults: { every: 3, kinds: ALL_FAULTS, slowMs: 5 } });
    const feed = sim.feed('okta:acme');
    const store = await syncRun(oktaConnector, conn, tenant, h, emptyStore());

    // Run 1 has everything but the late events, which were not there yet.
    const first = difference(feed.expected(), store.events);
    expect(first.missing.sort()).toEqual(feed.lateIds().sort());
    expect(first.wrongHash).toEqual([]);
    expect(store.checkpoint?.cursor).toBeNull();
    expect(store.checkpoint?.highWater).toBe(END);

    sim.revealLate();
    await syncRun(oktaConnector, conn, tenant, h, store);
    expect(difference(feed.expected(), store.events)).toEqual({ missing: [], wrongHash: [], extra: [] });
    expect(store.events.size).toBe(3020);
    expect(store.conflicts).toEqual([]);
    expect(store.problems).toEqual([]);
    // The faults really happened, the retryable ones were retried, the repeats were dropped as duplicates.
    for (const kind of ALL_FAULTS) expect(sim.faults.injected[kind], kind).toBeGreaterThan(0);
    expect(store.retries.length).toBe(sim.faults.injected['server-error'] + sim.faults.injected.drop + sim.faults.injected.truncate);
    expect(store.duplicates).toBeGreaterThan(0);
  });

  it('follows only the links Okta returns and stops at the first empty page', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'okta:acme': 450 } });
    const store = await syncRun(oktaConnector, conn, tenant, h, emptyStore());
    // 450 events in pages of 200: three full or partial pages, then the empty "poll again later" page.
    expect(store.batches).toBe(4);
    expect(store.events.size).toBe(450);
    expect(sim.stats.requests).toBe(4);
  });

  it('accepts an OAuth access token as a Bearer', async () => {
    const { conn, h, tenant } = await setup({ sizes: { 'okta:acme': 30 } }, SIM.okta.oauthToken, 'bearer');
    const store = await syncRun(oktaConnector, conn, tenant, h, emptyStore());
    expect(store.events.size).toBe(30);
  });

  it('says what to do about a refused token, without the token', async () => {
    const { conn, h, tenant } = await setup({}, '00wrongTokenValue1234567890');
    const err = await pullError(oktaConnector, conn, tenant, h);
    expect(err.message).toBe('Okta refused the API token (401 E0000011): check it in Connections.');
    expect(err.retryable).toBe(false);
    expect(err.message).not.toContain('00wrongTokenValue');
    await expect(oktaConnector.test(conn, pullContext(h))).rejects.toThrow(/Okta refused the API token \(401/);

    const readOnly = await setup({}, SIM.okta.noLogsToken);
    const forbidden = await pullError(oktaConnector, readOnly.conn, readOnly.tenant, readOnly.h);
    expect(forbidden.message).toMatch(/^Okta refused to show the System Log \(403 E0000006\)/);
  });

  it('waits for X-Rate-Limit-Reset when Remaining reaches 0, so it never runs into the limit', async () => {
    const { sim, conn, h, tenant, waits, clock } = await setup({ sizes: { 'okta:acme': 2000 }, rateLimit: 3 });
    const start = clock.now();
    const store = await syncRun(oktaConnector, conn, tenant, h, emptyStore());
    expect(store.events.size).toBe(2000);
    expect(sim.limits.okta.rejected).toBe(0);
    // 11 calls (10 pages of 200 and the empty one), 3 a minute: the connector sat out three resets.
    expect(waits.length).toBe(3);
    for (const w of waits) expect(w.reason).toMatch(/Okta rate limit/);
    // Each wait ends exactly at the next minute boundary (the reset second the headers gave).
    let t = start;
    for (const w of waits) {
      const reset = (Math.floor(t / 60_000) + 1) * 60_000;
      expect(w.ms).toBe(reset - t);
      t = reset;
    }
  });

  it('on a 429 waits until X-Rate-Limit-Reset and asks again', async () => {
    const { sim, conn, h, tenant, waits } = await setup({ sizes: { 'okta:acme': 100 }, faults: { every: 2, kinds: ['rate-limit'] } });
    const store = await syncRun(oktaConnector, conn, tenant, h, emptyStore());
    expect(store.events.size).toBe(100);
    expect(store.retries).toEqual([]);
    expect(sim.faults.injected['rate-limit']).toBeGreaterThan(0);
    // The simulator's 429 says "reset in 30 s" from a whole second: exactly 30 s of waiting each time.
    expect(waits.map((w) => w.ms)).toEqual(Array(sim.faults.injected['rate-limit']).fill(30_000));
  });
});
