/**
 * The GitHub connector against the simulator: an organisation and an enterprise audit log arrive
 * exactly through every fault kind, history starts with `phrase=created:>=…`, both kinds of
 * GitHub rate-limit answer (403 with remaining 0 and a reset; 429 with Retry-After) are waited
 * out on the injected clock, and refusals give sentences.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../../main/sync/connector.ts';
import { githubConnector, githubDate } from '../../../../main/sync/connectors/github.ts';
import { SIM } from '../../../sim/tenants/credentials.ts';
import { ALL_FAULTS } from '../../../sim/tenants/faults.ts';
import type { TenantSimOptions } from '../../../sim/tenants/server.ts';
import { difference, emptyStore, pullContext, pullError, syncRun } from './pull-harness.ts';
import { END, HOUR, useConnectorSim } from './sim-fixture.ts';

const startSim = useConnectorSim();

async function setup(opts: TenantSimOptions, options: Record<string, unknown> = { org: SIM.github.org }, token: string = SIM.github.ownerToken) {
  const { sim, h, waits } = await startSim(opts, { secret: token });
  const conn: ConnectionConfig = { id: 2, kind: 'github', label: 'Acme GitHub', baseUrl: sim.urls.github, options };
  const [tenant] = await githubConnector.listTenants(conn, pullContext(h));
  return { sim, conn, h, tenant: tenant!, waits };
}

describe('GitHub connector', () => {
  it('pulls an organisation audit log of 3,000 entries through every fault kind exactly, late entries on the next run', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'github:org:acme-corp': 3000 }, late: 15, faults: { every: 3, kinds: ALL_FAULTS, slowMs: 5 } });
    const feed = sim.feed('github:org:acme-corp');
    const store = await syncRun(githubConnector, conn, tenant, h, emptyStore());
    expect(difference(feed.expected(), store.events).missing.sort()).toEqual(feed.lateIds().sort());
    sim.revealLate();
    await syncRun(githubConnector, conn, tenant, h, store);
    expect(difference(feed.expected(), store.events)).toEqual({ missing: [], wrongHash: [], extra: [] });
    expect(store.events.size).toBe(3015);
    expect(store.conflicts).toEqual([]);
    for (const kind of ALL_FAULTS) expect(sim.faults.injected[kind], kind).toBeGreaterThan(0);
    expect(store.duplicates).toBeGreaterThan(0);
    expect(tenant.externalId).toBe('orgs/acme-corp');
  });

  it('reads an enterprise audit log, and starts history at the overlap window behind the high-water mark', async () => {
    const { sim, conn, h, tenant } = await setup({ sizes: { 'github:enterprise:acme-ent': 250 } }, { enterprise: SIM.github.enterprise });
    const requested: string[] = [];
    const store = await syncRun(githubConnector, conn, tenant, { ...h }, emptyStore());
    expect(difference(sim.feed('github:enterprise:acme-ent').expected(), store.events)).toEqual({ missing: [], wrongHash: [], extra: [] });
    // The next run asks for created:>= one hour before the newest entry.
    const spy: typeof fetch = (input, init) => {
      requested.push(String(input));
      return globalThis.fetch(input, init);
    };
    for await (const _ of githubConnector.pull(conn, tenant, store.checkpoint, { ...pullContext(h), fetch: spy })) {
      // drain
    }
    const first = new URL(requested[0]!);
    expect(first.pathname).toBe('/github/enterprises/acme-ent/audit-log');
    expect(first.searchParams.get('phrase')).toBe(`created:>=${githubDate(END - HOUR)}`);
    expect(first.searchParams.get('order')).toBe('asc');
    expect(first.searchParams.get('include')).toBe('all');
    expect(githubDate(END - HOUR)).toBe('2026-01-14T23:00:00+00:00');
  });

  it('waits out both GitHub rate-limit answers on the clock: 403 with remaining 0 until the reset, 429 for Retry-After', async () => {
    const { sim, conn, h, tenant, waits } = await setup({ sizes: { 'github:org:acme-corp': 400 }, faults: { every: 2, kinds: ['rate-limit'] } });
    const store = await syncRun(githubConnector, conn, tenant, h, emptyStore());
    expect(store.events.size).toBe(400);
    expect(store.retries).toEqual([]);
    const n = sim.faults.injected['rate-limit'];
    expect(n).toBeGreaterThanOrEqual(2);
    // Odd faults: 403 + x-ratelimit-reset 20 s ahead; even faults: 429 + retry-after 7.
    expect(waits.map((w) => w.ms)).toEqual(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 20_000 : 7_000)));
  });

  it('pauses before the next call when x-ratelimit-remaining reaches 0', async () => {
    const { sim, conn, h, tenant, waits } = await setup({ sizes: { 'github:org:acme-corp': 500 }, rateLimit: 2 });
    const store = await syncRun(githubConnector, conn, tenant, h, emptyStore());
    expect(store.events.size).toBe(500);
    expect(sim.limits.github.rejected).toBe(0);
    expect(waits.length).toBe(2);
  });

  it('gives sentences for a bad token, a member token and a missing organisation', async () => {
    const bad = await setup({}, { org: SIM.github.org }, 'ghp_notARealToken');
    expect((await pullError(githubConnector, bad.conn, bad.tenant, bad.h)).message).toBe('GitHub refused the token (401): check it in Connections.');
    await bad.sim.close();
    const member = await setup({}, { org: SIM.github.org }, SIM.github.memberToken);
    const err = await pullError(githubConnector, member.conn, member.tenant, member.h);
    expect(err.message).toBe('GitHub refused access to the audit log of organisation acme-corp (403): the token needs the read:audit_log scope and must belong to an owner.');
    expect(err.message).not.toContain(SIM.github.memberToken);
    await member.sim.close();
    const missing = await setup({}, { org: 'nope' });
    expect((await pullError(githubConnector, missing.conn, missing.tenant, missing.h)).message).toMatch(/^GitHub found no audit log for organisation nope \(404\)/);
    await missing.sim.close();
    const none = await setup({}, {});
    await expect(githubConnector.test(none.conn, pullContext(none.h))).rejects.toThrow('The GitHub connection names neither an organisation nor an enterprise: set one in Connections.');
  });
});
