/**
 * What every connector kind shares, against one simulator: `test` gives a verdict a user can read,
 * and a record the normaliser cannot read becomes a problem with its page and position while
 * every good record around it arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionConfig, Connector } from '../../../../main/sync/connector.ts';
import { CONNECTORS } from '../../../../main/sync/connectors/index.ts';
import { MSP_OWN_TENANT } from '../../../../main/sync/connectors/msp.ts';
import { SIM } from '../../../sim/tenants/credentials.ts';
import { startTenantSim, type TenantSim } from '../../../sim/tenants/server.ts';
import { difference, emptyStore, fakeClock, pullContext, syncRun, type HarnessContext } from './pull-harness.ts';

const END = Date.UTC(2026, 0, 15);
const HOUR = 3_600_000;
let sim: TenantSim;
const clock = fakeClock(END + HOUR);

beforeAll(async () => {
  sim = await startTenantSim({ events: 300, broken: 4, now: clock.now });
});
afterAll(async () => {
  await sim.close();
});

interface Case {
  conn: () => ConnectionConfig;
  secret: string;
  verdict: RegExp;
  /** The feeds whose records this connection's (first or chosen) tenant pulls. */
  feeds: string[];
  tenant?: string;
  problem: RegExp;
}

const CASES: Record<string, Case> = {
  okta: {
    conn: () => ({ id: 1, kind: 'okta', label: 'Acme', baseUrl: sim.urls.okta, options: { pageSize: 100 } }),
    secret: SIM.okta.apiToken,
    verdict: /^Okta org 127\.0\.0\.1:\d+ answered; the token can read the System Log\.$/,
    feeds: ['okta:acme'],
    problem: /^Okta event [0-9a-f-]{36} has an unreadable published time "not a time"\.$/,
  },
  github: {
    conn: () => ({ id: 2, kind: 'github', label: 'Acme', baseUrl: sim.urls.github, options: { org: SIM.github.org } }),
    secret: SIM.github.ownerToken,
    verdict: /^GitHub answered; the token can read the audit log of organisation acme-corp\.$/,
    feeds: ['github:org:acme-corp'],
    problem: /^GitHub audit entry \S+ has no readable @timestamp or created_at\.$/,
  },
  entra: {
    conn: () => ({ id: 3, kind: 'entra', label: 'Contoso', baseUrl: sim.urls.graph, options: { tenantId: SIM.entra.tenantId, clientId: SIM.entra.clientId, authority: sim.urls.authority } }),
    secret: SIM.entra.clientSecret,
    verdict: /^Microsoft Entra tenant 8f1c7b52-.* answered; app b3a0d5e4-.* can read directoryAudits and signIns\.$/,
    feeds: ['graph:directoryAudits', 'graph:signIns'],
    problem: /^Entra record \S+ has an unreadable (activityDateTime|createdDateTime) "not a time"\.$/,
  },
  portal: {
    conn: () => ({ id: 4, kind: 'portal', label: 'Acme', baseUrl: sim.urls.portal, options: { tenantSlug: 'acme', pageSize: 100 } }),
    secret: SIM.portal.adminTokens.acme!,
    verdict: /^The portal answered; the token can read the audit log of tenant acme\.$/,
    feeds: ['portal:acme'],
    problem: /^Portal record \S+ has an unreadable timestamp "not a time"\.$/,
  },
  msp: {
    conn: () => ({ id: 5, kind: 'msp', label: 'Northwind', baseUrl: sim.urls.msp, options: { pageSize: 100 } }),
    secret: SIM.msp.tokens.Admin!,
    verdict: /^The MSP portal answered: account Northwind MSP, role Admin, 3 customer tenant\(s\) visible\.$/,
    feeds: ['msp:activity'],
    tenant: MSP_OWN_TENANT,
    problem: /^Portal record \S+ has an unreadable timestamp "not a time"\.$/,
  },
};

describe.each(Object.entries(CASES))('%s connector', (kind, c) => {
  const connector: Connector = CONNECTORS[kind as keyof typeof CONNECTORS];
  const h = (): HarnessContext => ({ credentials: { secret: c.secret }, clock, since: END - 31 * 24 * HOUR, overlapMs: HOUR });

  it('tests the connection with a verdict a user can read', async () => {
    expect(connector.kind).toBe(kind);
    const verdict = await connector.test(c.conn(), pullContext(h()));
    expect(verdict.ok).toBe(true);
    expect(verdict.detail).toMatch(c.verdict);
  });

  it('reports unreadable records as problems with their position and keeps every good record', async () => {
    const conn = c.conn();
    const tenants = await connector.listTenants(conn, pullContext(h()));
    const tenant = tenants.find((t) => c.tenant === undefined || t.externalId === c.tenant)!;
    const store = await syncRun(connector, conn, tenant, h(), emptyStore());
    const expected = new Map(c.feeds.flatMap((f) => [...sim.feed(f).expected()]));
    expect(difference(expected, store.events)).toEqual({ missing: [], wrongHash: [], extra: [] });
    expect(store.problems.length).toBe(c.feeds.reduce((n, f) => n + sim.feed(f).brokenCount, 0));
    expect(store.problems.length).toBeGreaterThan(0);
    for (const p of store.problems) {
      expect(p.position).toMatch(/ page \d+, record \d+$/);
      expect(p.message).toMatch(c.problem);
    }
  });
});
