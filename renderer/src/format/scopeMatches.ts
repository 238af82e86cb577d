/** The scope palette's entries for what was typed: all tenants, groups and tenants whose name contains it, best first. */
import type { z } from 'zod';
import type { scopeSchema, Tenant } from '../../../common/contract.ts';

type Scope = z.infer<typeof scopeSchema>;

export type ScopeEntry = { key: string; label: string; kind: 'all' | 'group' | 'tenant'; scope: Scope; tenantId?: number };

export function scopeMatches(text: string, tenants: readonly Pick<Tenant, 'id' | 'name'>[], groups: readonly string[]): ScopeEntry[] {
  const typed = text.trim().toLowerCase();
  // Names that start with the text first, then those that contain it; alphabetical within each.
  const rank = (name: string) => (typed === '' ? 0 : name.toLowerCase().startsWith(typed) ? 0 : name.toLowerCase().includes(typed) ? 1 : 2);
  const byRank = <T,>(items: T[], name: (t: T) => string) =>
    items.filter((t) => rank(name(t)) < 2).sort((a, b) => rank(name(a)) - rank(name(b)) || name(a).localeCompare(name(b)));
  const entries: ScopeEntry[] = [];
  if (rank('all tenants') < 2) entries.push({ key: 'all', label: 'All tenants', kind: 'all', scope: { kind: 'all' } });
  for (const group of byRank([...groups], (g) => g)) entries.push({ key: `group:${group}`, label: `Group: ${group}`, kind: 'group', scope: { kind: 'group', group } });
  for (const t of byRank([...tenants], (x) => x.name)) {
    entries.push({ key: `tenant:${t.id}`, label: t.name, kind: 'tenant', scope: { kind: 'tenants', tenantIds: [t.id] }, tenantId: t.id });
  }
  return entries;
}
