/** --scope, --from, --to and --order as a contract view, with a sentence for each mistake. */
import type { Tenant } from '../../common/contract.ts';
import { CliError, EXIT } from './exit-codes.ts';

export interface ViewFlags {
  scope?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  order?: string | undefined;
}

type Scope = { kind: 'all' } | { kind: 'group'; group: string } | { kind: 'tenants'; tenantIds: number[] };

export function parseTime(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new CliError(EXIT.usage, `${flag} must be a UTC date or time like 2025-01-31 or 2025-01-31T12:00:00Z, not "${text}".`);
  }
  return ms;
}

export function parseScope(text: string | undefined, tenants: readonly Tenant[]): Scope {
  if (text === undefined || text === 'all') return { kind: 'all' };
  if (text.startsWith('group:')) return { kind: 'group', group: text.slice('group:'.length) };
  if (text.startsWith('tenant:')) {
    const ids = text.slice('tenant:'.length).split(',').map(Number);
    if (ids.length === 0 || ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
      throw new CliError(EXIT.usage, `--scope tenant: takes tenant ids separated by commas, like tenant:1,2, not "${text}".`);
    }
    return { kind: 'tenants', tenantIds: ids };
  }
  const named = tenants.filter((t) => t.name === text);
  if (named.length === 0) throw new CliError(EXIT.input, `There is no tenant named "${text}" in this workspace (use all, group:NAME or tenant:ID).`);
  return { kind: 'tenants', tenantIds: named.map((t) => t.id) };
}

export function parseOrder(text: string | undefined): 'newest' | 'oldest' {
  if (text === undefined || text === 'newest' || text === 'oldest') return text ?? 'newest';
  throw new CliError(EXIT.usage, `--order must be newest or oldest, not "${text}".`);
}

export function buildView(query: string, flags: ViewFlags, tenants: readonly Tenant[]) {
  return {
    view: {
      scope: parseScope(flags.scope, tenants),
      range: { from: parseTime('--from', flags.from), to: parseTime('--to', flags.to) },
      query,
    },
    order: parseOrder(flags.order),
  };
}
