/**
 * Synced batches record their normaliser (`okta@1`), so integrity.verify re-derives every synced
 * event's columns from its raw text: a column edited behind Trailkeeper's back is named, event
 * and column, even though the raw text and every hash still match.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NORMALIZER_VERSIONS } from '../../../main/ingest/sources/index.ts';
import { SIM } from '../../sim/tenants/credentials.ts';
import { steppedClock } from './sim-harness.ts';
import { useSimFixture } from './sim-fixture.ts';

const fixture = useSimFixture();

const never = new AbortController().signal;

describe('verify over synced events', () => {
  it('re-derives every synced event, and names the one whose stored column was edited', async () => {
    const sim = await fixture.startSim({ events: 1_200 });
    const { sync, path } = await fixture.openSync({ clock: steppedClock(Date.UTC(2026, 0, 15, 1)) });
    const added = await sync.service.add({ kind: 'okta', label: 'Okta', baseUrl: sim.urls.okta, options: { pageSize: 500 }, secret: SIM.okta.apiToken }, never);
    const [tenantId] = await sync.service.syncNow({ connectionId: added.id }, never);
    await sync.service.engine.idle();

    const clean = await sync.store.read('verify', { tenantIds: [tenantId!] });
    expect(clean).toMatchObject({ ok: true, eventsChecked: 1_200, eventsNotRederived: 0 });

    const db = new Database(path);
    const names = db.prepare('SELECT DISTINCT normalizer FROM batches WHERE tenant_id = ? AND event_count > 0').all(tenantId) as { normalizer: string | null }[];
    const victim = db.prepare('SELECT id, action FROM events WHERE tenant_id = ? ORDER BY id LIMIT 1 OFFSET 700').get(tenantId) as { id: number; action: string };
    const forged = `${victim.action}.forged`;
    db.prepare('UPDATE event_rows SET action = ? WHERE id = ?').run(forged, victim.id);
    db.close();
    expect(names).toEqual([{ normalizer: `okta@${NORMALIZER_VERSIONS.okta}` }]);

    const broken = await sync.store.read('verify', { tenantIds: [tenantId!] });
    expect(broken.ok).toBe(false);
    expect(broken.firstBreak).toMatchObject({ tenantId, kind: 'event', eventId: victim.id });
    expect(broken.firstBreak!.detail).toBe(
      `event ${victim.id}: its action is ${JSON.stringify(forged)} but its raw text gives ${JSON.stringify(victim.action)} (normaliser okta@1); the stored column was changed after import`,
    );
  }, 120_000);
});
