/**
 * The rows lane (issue 9; docs/design.md §2): the table's reads (ROW_READS: page, seek, get) have
 * a reader of their own, so a first page is answered while the pool is busy with aggregates or
 * still stopping one, and an aggregate never takes that reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreHost, type RunOptions } from '../../../main/store-host/store-host.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { makeEvents, removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const workerUrl = new URL('../../support/test-store-worker.ts', import.meta.url);
const all: View = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };
let host: StoreHost;

/** `spin` (test worker): a read that runs in JavaScript for `ms`, holding its reader. */
const spin = (ms: number, opts?: RunOptions) =>
  (host.read as unknown as (op: string, args: unknown, o?: RunOptions) => Promise<unknown>)('spin', { ms }, opts);

beforeAll(async () => {
  const path = tempWorkspacePath();
  // One pool reader and no reserve: a busy pool has nothing else to give.
  host = await StoreHost.open({ workspacePath: path, workerUrl, readers: 1, spareReader: false, log: { warn: () => {} } });
  const connectionId = await host.write('ensureConnection', { kind: 'okta', label: 'Acme', baseUrl: null });
  const tenantId = await host.write('ensureTenant', { connectionId, tenant: { externalId: 'acme', name: 'Acme', groups: [] } });
  await host.write('ingestBatch', { tenantId, events: makeEvents(5, 300, { prefix: 'lane' }) });
});

afterAll(async () => {
  await host?.close().catch(() => undefined);
  removeTempDirs();
});

describe('the rows lane', () => {
  it('answers a first page, a seek and an event while the only pool reader is busy, and keeps the count waiting for the pool', async () => {
    const order: string[] = [];
    const busy = spin(1_500).then(() => order.push('aggregate'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const count = host.read('count', { view: all }).then((n) => (order.push('count'), n));
    const page = await host.read('page', { view: all, order: 'newest', after: null, limit: 50 });
    order.push('page');
    const sought = await host.read('seek', { view: all, order: 'newest', target: { offset: 120 } });
    const event = await host.read('get', { id: page.rows[0]!.id });
    order.push('seek and get');
    expect(page.rows).toHaveLength(50);
    expect(sought.after).not.toBeNull();
    expect(event?.id).toBe(page.rows[0]!.id);
    await busy;
    expect(await count).toBe(300);
    // The rows came while the pool was busy; the count waited for the pool, never for the rows reader.
    expect(order).toEqual(['page', 'seek and get', 'aggregate', 'count']);
  });
});
