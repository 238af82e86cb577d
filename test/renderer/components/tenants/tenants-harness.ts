/**
 * A scripted API for the Tenants screen's tests: a small tenant list that the calls change as the
 * real ones would (a purge lowers the count by what it removed, hold and groups stick), a log of
 * calls, and integrity jobs whose progress the test moves. The app store is replaced by a small
 * zustand store holding what the screen reads.
 */
import type { IntegrityJob, Tenant, VerifyResult } from '../../../../common/contract.ts';
import { fakeTenant } from '../../../support/fake-api.ts';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 11, 7, 12);

export type Script = {
  tenants: Tenant[];
  calls: { name: string; input: unknown }[];
  /** Events each tenant holds older than a cutoff: removes = olderThan(tenantId, cutoff). */
  olderThan: (tenantId: number, cutoff: number) => number;
  job: IntegrityJob | null;
  /** The next call of this name fails with this sentence. */
  failNext: Record<string, string>;
};

export function freshTenants(): Tenant[] {
  return [
    fakeTenant({ id: 1, name: 'Acme Okta', connectionLabel: 'Okta prod', groups: ['EU', 'prod'], eventCount: 1000, oldestTs: NOW - 100 * DAY, newestTs: NOW - DAY }),
    fakeTenant({ id: 2, name: 'Globex GitHub', connectionLabel: 'GitHub', sourceKind: 'github', groups: ['EU'], eventCount: 400, retentionDays: 365, legalHold: true, oldestTs: NOW - 50 * DAY, newestTs: NOW }),
  ];
}

export function job(over: Partial<IntegrityJob>): IntegrityJob {
  return { jobId: 1, tenantIds: null, state: 'running', batchesDone: 0, batchesTotal: 4, eventsDone: 0, eventsTotal: 1400, result: null, error: null, ...over };
}

export function verdict(over: Partial<VerifyResult>): VerifyResult {
  return { ok: true, eventsChecked: 1400, eventsNotRederived: 0, batchesChecked: 4, firstBreak: null, tookMs: 12, ...over };
}

/** Answers one call as the backend would, over the script's state. */
export function answer(script: Script, name: string, input: Record<string, unknown>): unknown {
  script.calls.push({ name, input });
  const failure = script.failNext[name];
  if (failure) {
    delete script.failNext[name];
    throw Object.assign(new Error(failure), { code: 'invalid_input' });
  }
  const tenant = (id: unknown) => script.tenants.find((t) => t.id === id)!;
  switch (name) {
    case 'tenants.list':
      return { tenants: script.tenants.map((t) => ({ ...t })), groups: [...new Set(script.tenants.flatMap((t) => t.groups))].sort() };
    case 'tenants.retentionPreview': {
      const t = tenant(input.tenantId);
      const cutoff = NOW - (input.days as number) * DAY;
      return { removes: t.legalHold ? 0 : script.olderThan(t.id, cutoff), cutoff, legalHold: t.legalHold };
    }
    case 'tenants.setRetention': {
      const t = tenant(input.tenantId);
      t.retentionDays = input.days as number | null;
      const purged = input.purgeBefore === undefined || t.legalHold ? 0 : script.olderThan(t.id, input.purgeBefore as number);
      t.eventCount -= purged;
      return { purged };
    }
    case 'tenants.setLegalHold':
      tenant(input.tenantId).legalHold = input.hold as boolean;
      return { ok: true };
    case 'tenants.setGroups':
      tenant(input.tenantId).groups = [...(input.groups as string[])].sort();
      return { ok: true };
    case 'tenants.renameGroup': {
      const changed = script.tenants.filter((t) => t.groups.includes(input.from as string));
      for (const t of changed) t.groups = [...new Set(t.groups.map((g) => (g === input.from ? (input.to as string) : g)))].sort();
      return { tenantsChanged: changed.length };
    }
    case 'integrity.start':
    case 'integrity.status':
      return { ...script.job! };
    case 'integrity.cancel':
      script.job = { ...script.job!, state: 'cancelled', error: 'The integrity check was cancelled; nothing was concluded.' };
      return { cancelled: true };
    default:
      throw new Error(`The Tenants screen test does not expect ${name}.`);
  }
}
