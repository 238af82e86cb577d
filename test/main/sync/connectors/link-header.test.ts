/** Link headers as Okta and GitHub send them: the next URL is found, resolved, and never guessed. */
import { describe, expect, it } from 'vitest';
import { linkRel } from '../../../../main/sync/connectors/link-header.ts';

describe('linkRel', () => {
  it('finds rel="next" among several links', () => {
    const h = '<https://acme.okta.com/api/v1/logs?since=2026-01-01T00%3A00%3A00Z&sortOrder=ASCENDING>; rel="self", <https://acme.okta.com/api/v1/logs?after=1736%3Aabc&sortOrder=ASCENDING>; rel="next"';
    expect(linkRel(h, 'next', 'https://acme.okta.com/')).toBe('https://acme.okta.com/api/v1/logs?after=1736%3Aabc&sortOrder=ASCENDING');
    expect(linkRel(h, 'self', 'https://acme.okta.com/')).toContain('since=');
  });

  it('reads unquoted and multi-valued rel, commas inside URLs, and relative targets', () => {
    expect(linkRel('<https://api.github.com/x?a=1,2>; rel=next', 'next', 'https://api.github.com/')).toBe('https://api.github.com/x?a=1,2');
    expect(linkRel('</orgs/o/audit-log?after=MS4x>; rel="prev next"', 'next', 'https://api.github.com/orgs/o/audit-log')).toBe('https://api.github.com/orgs/o/audit-log?after=MS4x');
  });

  it('returns null when there is no such link or no header', () => {
    expect(linkRel(null, 'next', 'https://x/')).toBeNull();
    expect(linkRel('<https://x/a>; rel="prev"', 'next', 'https://x/')).toBeNull();
    expect(linkRel('garbage', 'next', 'https://x/')).toBeNull();
  });
});
