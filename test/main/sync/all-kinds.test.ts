/**
 * Every connector kind through the engine and the store, against the simulator with faults: each
 * tenant's local set equals its feeds' records exactly (ids, or ids derived from the raw bytes
 * where the source sends none, and raw hashes). The MSP connection lists its customers and its
 * own portal activity as separate tenants. The workspace then verifies, synced columns re-derived.
 */
import { describe, expect, it } from 'vitest';
import { derivedSourceId } from '../../../main/ingest/sources/derived-id.ts';
import { SIM } from '../../sim/tenants/credentials.ts';
import type { Feed } from '../../sim/tenants/feed.ts';
import { localSet, sha256, steppedClock } from './sim-harness.ts';
import { useSimFixture } from './sim-fixture.ts';

const END = Date.UTC(2026, 0, 15);
const fixture = useSimFixture();

const never = new AbortController().signal;
const expected = (...feeds: Feed[]) => new Map(feeds.flatMap((f) => f.records.filter((r) => !r.late).map((r) => [r.id ?? derivedSourceId(r.json), sha256(r.json)] as const)));

describe('every connector kind through the engine', () => {
  it('okta, github, entra, portal and msp tenants end exact under faults', async () => {
    const sim = await fixture.startSim({ events: 400, faults: { every: 5, kinds: ['server-error', 'truncate', 'repeat', 'drop', 'rate-limit'] } });
    const { sync, path } = await fixture.openSync({ clock: steppedClock(END + 60_000) });
    const add = (kind: 'okta' | 'github' | 'entra' | 'portal' | 'msp', label: string, baseUrl: string, secret: string, options: Record<string, string> = {}) =>
      sync.service.add({ kind, label, baseUrl, secret, options }, never);
    await add('okta', 'Okta', sim.urls.okta, SIM.okta.apiToken);
    await add('github', 'GitHub', sim.urls.github, SIM.github.ownerToken, { org: SIM.github.org });
    await add('entra', 'Entra', sim.urls.graph, SIM.entra.clientSecret, { tenantId: SIM.entra.tenantId, clientId: SIM.entra.clientId, authority: sim.urls.authority });
    await add('portal', 'Portal', sim.urls.portal, SIM.portal.adminTokens.acme!, { tenantSlug: 'acme' });
    const msp = await add('msp', 'MSP', sim.urls.msp, SIM.msp.tokens.Admin!);
    expect(msp.tenantsListed).toBe(SIM.msp.customers.length + 1);
    await sync.service.syncNow({}, never);
    await sync.service.engine.idle();

    const { connections } = await sync.service.list();
    const tenants = new Map(connections.flatMap((c) => c.tenants.map((t) => [`${c.label}/${t.externalId}`, t] as const)));
    const check = (key: string, ...feeds: Feed[]) => {
      const t = [...tenants.entries()].find(([k]) => k.startsWith(key))?.[1];
      expect(t, key).toBeDefined();
      expect(t!.lastError, key).toBeNull();
      expect(localSet(path, t!.tenantId), key).toEqual(expected(...feeds));
    };
    check('Okta/', sim.feed('okta:acme'));
    check('GitHub/', sim.feed(`github:org:${SIM.github.org}`));
    check('Entra/', sim.feed('graph:directoryAudits'), sim.feed('graph:signIns'));
    check('Portal/', sim.feed('portal:acme'));
    check('MSP/msp:activity', sim.feed('msp:activity'));
    for (const c of SIM.msp.customers) check(`MSP/customer:${c.id}`, sim.feed(`msp:customer:${c.slug}`));
    // Every kind's batches record their normaliser (raw-only where an id was derived): all verify.
    const verify = await sync.store.read('verify', {});
    expect(verify.firstBreak).toBeNull();
    expect(verify.eventsNotRederived).toBeLessThan(verify.eventsChecked);
  }, 240_000);
});
