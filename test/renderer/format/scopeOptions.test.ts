import { describe, expect, it } from 'vitest';
import { buildScopeOptions, scopeFromValue, scopeToValue } from '../../../renderer/src/format/scopeOptions.ts';

const tenants = [
  { id: 2, name: 'Globex', groups: ['US'], eventCount: 1500 },
  { id: 1, name: 'Acme', groups: ['EU', 'Gold'], eventCount: 1_000_000 },
  { id: 3, name: 'Initech', groups: ['EU'], eventCount: 7 },
];

describe('scope options', () => {
  it('offers all tenants, each group and each tenant with event counts', () => {
    const options = buildScopeOptions(tenants, ['US', 'EU', 'Gold']);
    expect(options.all).toEqual({ value: 'all', label: 'All tenants (1,001,507)' });
    expect(options.groups.map((o) => o.label)).toEqual(['Group: EU (1,000,007)', 'Group: Gold (1,000,000)', 'Group: US (1,500)']);
    expect(options.tenants).toEqual([
      { value: 'tenant:1', label: 'Acme (1,000,000)' },
      { value: 'tenant:2', label: 'Globex (1,500)' },
      { value: 'tenant:3', label: 'Initech (7)' },
    ]);
  });

  it('round-trips every scope through its option value', () => {
    const scopes: Parameters<typeof scopeToValue>[0][] = [
      { kind: 'all' },
      { kind: 'group', group: 'EU: west' },
      { kind: 'tenants', tenantIds: [4] },
      { kind: 'tenants', tenantIds: [4, 9] },
    ];
    for (const scope of scopes) {
      expect(scopeFromValue(scopeToValue(scope))).toEqual(scope);
    }
  });

  it('falls back to all tenants for a value it does not understand', () => {
    expect(scopeFromValue('tenant:abc')).toEqual({ kind: 'all' });
    expect(scopeFromValue('bogus')).toEqual({ kind: 'all' });
  });
});
