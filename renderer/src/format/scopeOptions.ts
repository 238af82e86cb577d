/**
 * The scope picker's options: all tenants, each group, each tenant. A scope is encoded as one
 * string (`all`, `group:<name>`, `tenant:<id>`) so a native <select> can carry it.
 */
import type { z } from 'zod';
import type { scopeSchema, Tenant } from '../../../common/contract.ts';
import { formatCount } from './count.ts';

type Scope = z.infer<typeof scopeSchema>;

export type ScopeOption = { value: string; label: string };
export type ScopeOptions = { all: ScopeOption; groups: ScopeOption[]; tenants: ScopeOption[] };

type TenantSummary = Pick<Tenant, 'id' | 'name' | 'groups' | 'eventCount'>;

export const ALL_SCOPE: Scope = { kind: 'all' };

export function scopeToValue(scope: Scope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'group':
      return `group:${scope.group}`;
    case 'tenants':
      // The picker offers single tenants; a longer list (set elsewhere) keeps all its ids.
      return `tenant:${scope.tenantIds.join(',')}`;
  }
}

export function scopeFromValue(value: string): Scope {
  if (value.startsWith('group:')) return { kind: 'group', group: value.slice('group:'.length) };
  if (value.startsWith('tenant:')) {
    const ids = value.slice('tenant:'.length).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length > 0) return { kind: 'tenants', tenantIds: ids };
  }
  return ALL_SCOPE;
}

function withCount(name: string, count: number): string {
  return `${name} (${formatCount(count)})`;
}

export function buildScopeOptions(tenants: readonly TenantSummary[], groups: readonly string[]): ScopeOptions {
  const total = tenants.reduce((sum, t) => sum + t.eventCount, 0);
  const byName = [...tenants].sort((a, b) => a.name.localeCompare(b.name));
  return {
    all: { value: 'all', label: withCount('All tenants', total) },
    groups: [...groups].sort((a, b) => a.localeCompare(b)).map((group) => ({
      value: scopeToValue({ kind: 'group', group }),
      label: withCount(`Group: ${group}`, tenants.filter((t) => t.groups.includes(group)).reduce((s, t) => s + t.eventCount, 0)),
    })),
    tenants: byName.map((t) => ({
      value: scopeToValue({ kind: 'tenants', tenantIds: [t.id] }),
      label: withCount(t.name, t.eventCount),
    })),
  };
}
