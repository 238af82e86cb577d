/** Default export names: `trailkeeper-<scope>-<yyyymmddThhmmssZ>`, the scope as a short slug. */
import type { z } from 'zod';
import type { scopeSchema } from '../../common/contract.ts';

type Scope = z.output<typeof scopeSchema>;

/** Lower-case letters, digits and dashes, at most 40 characters; `export` when nothing is left. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? 'export' : s;
}

/** 2025-01-02T03:04:05.678Z → 20250102T030405Z */
export function compactUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

export function scopeSlug(scope: Scope, tenants: readonly { id: number; name: string }[]): string {
  if (scope.kind === 'all') return 'all';
  if (scope.kind === 'group') return slug(scope.group);
  if (scope.tenantIds.length === 1) {
    const tenant = tenants.find((t) => t.id === scope.tenantIds[0]);
    return tenant ? slug(tenant.name) : `tenant-${scope.tenantIds[0]}`;
  }
  return `${scope.tenantIds.length}-tenants`;
}

export function defaultExportName(scope: Scope, tenants: readonly { id: number; name: string }[], at: Date): string {
  return `trailkeeper-${scopeSlug(scope, tenants)}-${compactUtc(at)}`;
}

/** A rule run's findings list: `trailkeeper-findings-run-<id>-<yyyymmddThhmmssZ>`. */
export function findingsExportName(runId: number, at: Date): string {
  return `trailkeeper-findings-run-${runId}-${compactUtc(at)}`;
}
