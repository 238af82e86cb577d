/** A small workspace for the slice tests: three tenants in two groups, 300 events, a store over the fake API. */
import type { EventDetail, EventRow } from '../../../common/contract.ts';
import { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { createFakeApi, fakeEvent, fakeTenant, type FakeApi } from '../../support/fake-api.ts';

export const BASE_TS = Date.UTC(2025, 0, 1);

export const TENANTS = [
  fakeTenant({ id: 1, name: 'Acme', groups: ['eu'], eventCount: 250 }),
  fakeTenant({ id: 2, name: 'Globex', groups: ['us'], eventCount: 30 }),
  fakeTenant({ id: 3, name: 'Initech', groups: ['eu'], eventCount: 20 }),
];

/** Tenant 1 has more than one page (250 > FIRST_PAGE_ROWS); every fifth event failed. */
export function sampleEvents(): EventDetail[] {
  const events: EventDetail[] = [];
  const owners = [...Array<number>(250).fill(1), ...Array<number>(30).fill(2), ...Array<number>(20).fill(3)];
  owners.forEach((tenantId, i) => {
    events.push(
      fakeEvent({
        id: i + 1,
        tenantId,
        tenantName: TENANTS[tenantId - 1]!.name,
        ts: BASE_TS + i * 60_000,
        outcome: i % 5 === 0 ? 'failure' : 'success',
      }),
    );
  });
  return events;
}

export function sampleStore(): { fake: FakeApi; store: ReturnType<typeof createAppStore>; events: EventDetail[] } {
  const events = sampleEvents();
  const fake = createFakeApi({ tenants: TENANTS, events });
  return { fake, store: createAppStore(fake.api), events };
}

/** The loaded rows, in the order of their blocks. */
export function loadedRows(store: ReturnType<typeof createAppStore>): EventRow[] {
  const { blocks } = store.getState().rows;
  return [...blocks.keys()].sort((a, b) => a - b).flatMap((b) => blocks.get(b)!);
}

/** The ids of the loaded rows, in order. */
export function loadedIds(store: ReturnType<typeof createAppStore>): number[] {
  return loadedRows(store).map((r) => r.id);
}
