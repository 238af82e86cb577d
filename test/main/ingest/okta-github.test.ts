import { describe, expect, it } from 'vitest';
import { normalize as github } from '../../../main/ingest/sources/github.ts';
import { normalizerFor, guessSourceKind } from '../../../main/ingest/sources/index.ts';
import { normalize as okta } from '../../../main/ingest/sources/okta.ts';
import { normalize as generic } from '../../../main/ingest/sources/generic.ts';

/** An Okta System Log event as GET /api/v1/logs returns it (trimmed to the fields read). */
function oktaEvent(eventType: string, result: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { id: '00u1ab2cd3EF4gh5ij6k', type: 'User', alternateId: 'ana.diaz@example.com', displayName: 'Ana Diaz', detailEntry: { role: 'Super Administrator' } },
    client: {
      userAgent: { rawUserAgent: 'Mozilla/5.0 (Macintosh)', os: 'Mac OS X', browser: 'CHROME' },
      ipAddress: '198.51.100.23',
      geographicalContext: { city: 'Lisbon', state: 'Lisbon', country: 'Portugal', postalCode: '1000-001' },
    },
    displayMessage: 'User login to Okta',
    eventType,
    outcome: { result, reason: result === 'FAILURE' ? 'INVALID_CREDENTIALS' : null },
    published: '2024-03-10T08:15:42.123Z',
    severity: result === 'FAILURE' ? 'WARN' : 'INFO',
    uuid: 'b1f2a3c4-d5e6-11ee-8c90-0242ac120002',
    target: [{ id: '0oa9zy8xw7vu6ts5rq4p', type: 'LogStream', alternateId: 'unknown', displayName: 'Splunk Cloud' }],
    ...extra,
  };
}

function run(fn: (raw: string, obj: unknown) => ReturnType<typeof okta>, obj: Record<string, unknown>) {
  return fn(JSON.stringify(obj), obj);
}

describe('Okta normaliser', () => {
  it('maps a failed sign-in with actor, client, geography and reason', () => {
    const e = run(okta, oktaEvent('user.session.start', 'FAILURE'));
    expect(e).toMatchObject({
      sourceId: 'b1f2a3c4-d5e6-11ee-8c90-0242ac120002', ts: Date.UTC(2024, 2, 10, 8, 15, 42, 123), tsRaw: '2024-03-10T08:15:42.123Z',
      category: 'auth', activity: 'login', outcome: 'failure', severity: 'WARN', actorType: 'User', actorId: '00u1ab2cd3EF4gh5ij6k',
      actorName: 'Ana Diaz', actorEmail: 'ana.diaz@example.com', actorRole: 'Super Administrator', ip: '198.51.100.23',
      userAgent: 'Mozilla/5.0 (Macintosh)', geoCountry: 'Portugal', geoCity: 'Lisbon', message: 'User login to Okta (INVALID_CREDENTIALS)',
    });
  });

  it.each([
    ['user.session.start', 'auth', 'login'],
    ['user.session.end', 'auth', 'logout'],
    ['user.authentication.auth_via_mfa', 'auth', 'login'],
    ['user.mfa.okta_verify.deny_push', 'auth', 'login'],
    ['user.lifecycle.create', 'user', 'create'],
    ['user.lifecycle.delete.initiated', 'user', 'delete'],
    ['user.account.update_profile', 'user', 'update'],
    ['user.account.privilege.grant', 'access', 'create'],
    ['user.account.privilege.revoke', 'access', 'delete'],
    ['system.api_token.create', 'access', 'create'],
    ['system.api_token.revoke', 'access', 'delete'],
    ['app.lifecycle.create', 'app', 'create'],
    ['application.lifecycle.delete', 'app', 'delete'],
    ['policy.rule.update', 'config', 'update'],
    ['policy.evaluate_sign_on', 'auth', 'other'],
    ['zone.update', 'config', 'update'],
    ['system.log_stream.lifecycle.create', 'audit', 'create'],
    ['system.log_stream.lifecycle.deactivate', 'audit', 'delete'],
    ['analytics.reports.export.request', 'compliance', 'read'],
    ['something.never.seen', 'other', 'other'],
  ])('maps %s to %s/%s', (eventType, category, activity) => {
    expect(run(okta, oktaEvent(eventType, 'SUCCESS'))).toMatchObject({ category, activity, outcome: 'success', targetType: 'LogStream', targetName: 'Splunk Cloud' });
  });

  it('names the record when it cannot be read', () => {
    expect(() => run(okta, oktaEvent('user.session.start', 'SUCCESS', { published: 'yesterday' })))
      .toThrow('Okta event b1f2a3c4-d5e6-11ee-8c90-0242ac120002 has an unreadable published time "yesterday".');
    expect(() => okta('[1]', [1])).toThrow(/Expected an Okta System Log event as a JSON object/);
  });
});

/** A GitHub organisation audit log entry as the REST API returns it. */
const ghEntry = {
  '@timestamp': 1718013600123, _document_id: 'S2tq3Nf0zq0oY9bV1x2w3A', action: 'org.update_member', actor: 'octo-admin', actor_id: 583231,
  actor_ip: '203.0.113.77', actor_location: { country_code: 'NL' }, created_at: 1718013600123, external_identity_nameid: 'admin@octo.example',
  operation_type: 'modify', org: 'octo-org', org_id: 9919, permission: 'admin', old_permission: 'read', user: 'monalisa', user_id: 2048,
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
};

describe('GitHub normaliser', () => {
  it('maps a role change with actor, target user, ip and country', () => {
    expect(run(github, ghEntry)).toMatchObject({
      sourceId: 'S2tq3Nf0zq0oY9bV1x2w3A', ts: 1718013600123, tsRaw: '1718013600123', action: 'org.update_member',
      category: 'access', activity: 'update', outcome: 'success', actorName: 'octo-admin', actorId: '583231', actorType: 'User',
      actorEmail: 'admin@octo.example', targetType: 'user', targetId: '2048', targetName: 'monalisa', ip: '203.0.113.77',
      geoCountry: 'NL', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', message: 'octo-admin: org.update_member monalisa',
    });
  });

  it.each([
    ['org.sso_response', {}, 'auth', 'login'],
    ['org.invite_member', {}, 'user', 'create'],
    ['org.remove_member', {}, 'user', 'delete'],
    ['personal_access_token.access_granted', {}, 'access', 'create'],
    ['personal_access_token.access_revoked', {}, 'access', 'delete'],
    ['hook.config_changed', {}, 'integration', 'update'],
    ['integration_installation.create', {}, 'integration', 'create'],
    ['audit_log_streaming.destroy', {}, 'audit', 'delete'],
    ['audit_log_streaming.update', { audit_log_stream_enabled: false }, 'audit', 'delete'],
    ['audit_log_streaming.update', { audit_log_stream_enabled: true }, 'audit', 'update'],
    ['org.audit_log_export', {}, 'audit', 'read'],
    ['git.clone', {}, 'infrastructure', 'read'],
    ['protected_branch.update', {}, 'config', 'update'],
    ['made_up.thing', { operation_type: 'remove' }, 'other', 'delete'],
  ] as const)('maps %s %j to %s/%s', (action, extra, category, activity) => {
    expect(run(github, { ...ghEntry, action, ...extra })).toMatchObject({ category, activity });
  });

  it('marks failing actions as failures and names a record without an id', () => {
    expect(run(github, { ...ghEntry, action: 'user.failed_login' }).outcome).toBe('failure');
    const { _document_id: _, ...noId } = ghEntry;
    expect(() => run(github, noId)).toThrow(/GitHub audit entry has no _document_id/);
  });
});

describe('source lookup', () => {
  it('guesses the source from a record\'s own fields', () => {
    expect(guessSourceKind(oktaEvent('user.session.start', 'SUCCESS'))).toBe('okta');
    expect(guessSourceKind(ghEntry)).toBe('github');
    expect(guessSourceKind({ sourceId: 'a', ts: 1, action: 'x' })).toBe('generic');
    expect(guessSourceKind({ hello: 'world' })).toBeNull();
    expect(normalizerFor('okta')).toBe(okta);
  });

  it('keeps the original raw text of a Trailkeeper export record', () => {
    const row = { sourceId: 'abc', ts: '2024-01-02T03:04:05.678Z', action: 'user.session.start', category: 'auth', activity: 'login', outcome: 'nonsense', raw: '{"uuid":"abc"}', actor_email: 'x@y.example' };
    expect(run(generic, row)).toMatchObject({ sourceId: 'abc', ts: Date.UTC(2024, 0, 2, 3, 4, 5, 678), category: 'auth', outcome: 'unknown', actorEmail: 'x@y.example', raw: '{"uuid":"abc"}' });
  });
});
