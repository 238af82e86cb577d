/**
 * A large workspace for the workspace e2e tests, written with the store's own writer (the path a
 * sync takes, hash chain included): `count` events over three tenants across 60 days.
 */
import { closeWorkspace, openWorkspaceForWrite } from '../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../main/store/tenants.ts';
import { EventWriter } from '../../main/store/writer.ts';
import { BASE_TS, makeEvents } from '../main/store/fixtures.ts';

const BATCH = 10_000;
export const TENANT_NAMES = ['Acme', 'Globex', 'Initech'] as const;

/** `startTs`: where the 60 days begin (a fixed past date by default; a recent one for "last 7 days" views). */
export function writeLargeWorkspace(path: string, count: number, startTs: number = BASE_TS): void {
  const db = openWorkspaceForWrite(path);
  try {
    const connectionId = ensureConnection(db, { kind: 'okta', label: 'Large', baseUrl: null });
    const tenantIds = TENANT_NAMES.map((name) => ensureTenant(db, connectionId, { externalId: name.toLowerCase(), name, groups: ['all-customers'] }));
    const writer = new EventWriter(db);
    for (let i = 0, batch = 0; i < count; i += BATCH, batch++) {
      const n = Math.min(BATCH, count - i);
      const events = makeEvents(1_000 + batch, n, { prefix: `w${batch}`, startTs, minutes: 60 * 24 * 60 });
      writer.ingestBatch({ tenantId: tenantIds[batch % tenantIds.length]!, events });
    }
  } finally {
    closeWorkspace(db);
  }
}
