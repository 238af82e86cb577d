/** The scope palette's entries: names that start with the text first, then those containing it. */
import { describe, expect, it } from 'vitest';
import { scopeMatches } from '../../../renderer/src/format/scopeMatches.ts';

const tenants = [
  { id: 1, name: 'Acme' },
  { id: 2, name: 'Globex' },
  { id: 3, name: 'Bacme Ltd' },
];

describe('scopeMatches', () => {
  it('lists everything for no text: all tenants, groups, tenants alphabetically', () => {
    expect(scopeMatches('', tenants, ['us', 'eu']).map((e) => e.label)).toEqual(['All tenants', 'Group: eu', 'Group: us', 'Acme', 'Bacme Ltd', 'Globex']);
  });

  it('ranks names starting with the text before names containing it, case-insensitively', () => {
    const entries = scopeMatches('ACM', tenants, ['acme-group']);
    expect(entries.map((e) => e.label)).toEqual(['Group: acme-group', 'Acme', 'Bacme Ltd']);
    expect(entries[1]).toMatchObject({ scope: { kind: 'tenants', tenantIds: [1] }, tenantId: 1 });
    expect(scopeMatches('zzz', tenants, [])).toEqual([]);
  });
});
