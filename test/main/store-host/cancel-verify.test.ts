/**
 * A cancelled integrity check stops in its own reader (docs/design.md §2: cancellation is real
 * work stopping): verify calls the reader's cancel point between batches and every 256 events, so
 * after the abort its progress never reaches the end, the reader is not set aside, and the next
 * read runs on it. The grace is far above CANCEL_GRACE_MS so a loaded machine cannot fake a pass
 * by replacing the reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_GRACE_MS, CancelledError, StoreHost } from '../../../main/store-host/store-host.ts';
import type { VerifyProgress } from '../../../main/store/verify.ts';
import { makeEvents, removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const workerUrl = new URL('../../support/test-store-worker.ts', import.meta.url);
const EVENTS = 20_000;
let host: StoreHost;

beforeAll(async () => {
  host = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1, spareReader: false, cancelGraceMs: 20 * CANCEL_GRACE_MS });
  const connectionId = await host.write('ensureConnection', { kind: 'okta', label: 'Verify', baseUrl: null });
  const tenantId = await host.write('ensureTenant', { connectionId, tenant: { externalId: 'v', name: 'Verify Co', groups: [] } });
  // One large batch: only the check inside a batch can stop it before the end.
  await host.write('ingestBatch', { tenantId, events: makeEvents(5, EVENTS, { prefix: 'verify' }) });
}, 60_000);

afterAll(async () => {
  await host?.close();
  removeTempDirs();
});

describe('cancelling verify', () => {
  it('stops before the end in its own reader, which then answers the next read', async () => {
    const seen: VerifyProgress[] = [];
    const controller = new AbortController();
    const outcome = await host
      .read('verify', {}, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p as VerifyProgress);
          controller.abort();
        },
      })
      .then(() => 'finished', (error: unknown) => (error instanceof CancelledError ? 'cancelled' : String(error)));
    expect(outcome).toBe('cancelled');
    // The reader's own answer (its cancel) comes before the next read can have it: this count
    // runs on the same single reader, after verify stopped.
    expect(await host.read('totalEvents', undefined)).toBe(EVENTS);
    expect(host.abandonedReaders).toBe(0);
    expect(seen[0]).toMatchObject({ eventsDone: 0, eventsTotal: EVENTS, batchesTotal: 1 });
    expect(seen.at(-1)!.eventsDone).toBeLessThan(EVENTS);
  }, 60_000);

  it('uncancelled, its progress reaches every batch and event', async () => {
    const seen: VerifyProgress[] = [];
    const result = await host.read('verify', {}, { onProgress: (p) => seen.push(p as VerifyProgress) });
    expect(result).toMatchObject({ ok: true, eventsChecked: EVENTS, batchesChecked: 1 });
    expect(seen.at(-1)).toEqual({ batchesDone: 1, batchesTotal: 1, eventsDone: EVENTS, eventsTotal: EVENTS });
  }, 60_000);
});
