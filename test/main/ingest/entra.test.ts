/**
 * The Entra normaliser on Graph v1.0 records (shapes from the directoryAudit and signIn resource
 * documentation): columns, the 7-digit fraction kept in tsRaw, outcomes, and clear errors for
 * records it cannot read.
 */
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../main/ingest/sources/entra.ts';
import { guessSourceKind, normalizerFor } from '../../../main/ingest/sources/index.ts';

const AUDIT = {
  id: 'Directory_0A1B2C3D_4E5F_6789_ABCD_EF0123456789',
  category: 'RoleManagement',
  correlationId: 'c3a2b1d0-1111-2222-3333-444455556666',
  result: 'success',
  resultReason: '',
  activityDisplayName: 'Add member to role',
  activityDateTime: '2025-11-03T14:02:17.4733435Z',
  loggedByService: 'Core Directory',
  operationType: 'Assign',
  initiatedBy: { app: null, user: { id: '728309ae-4a37-4f4a-9a3e-0a1b2c3d4e5f', displayName: null, userPrincipalName: 'megan@contoso.example', ipAddress: '203.0.113.77', userType: null } },
  targetResources: [{ id: '8f3a1c2b-0000-4e5f-a6b7-c8d9e0f1a2b3', displayName: null, type: 'User', userPrincipalName: 'lee@contoso.example', groupType: null, modifiedProperties: [] }],
  additionalDetails: [{ key: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' }],
};

const SIGN_IN = {
  id: '66ea54eb-6301-4ee5-be62-ff5a759b0100',
  createdDateTime: '2025-11-03T14:05:09.1234567Z',
  userDisplayName: 'Megan Bowen',
  userPrincipalName: 'megan@contoso.example',
  userId: '728309ae-4a37-4f4a-9a3e-0a1b2c3d4e5f',
  appId: 'de8bc8b5-d9f9-48b1-a8ad-b748da725064',
  appDisplayName: 'Graph Explorer',
  ipAddress: '2001:db8::7',
  clientAppUsed: 'Browser',
  isInteractive: true,
  riskLevelDuringSignIn: 'high',
  status: { errorCode: 50126, failureReason: 'Invalid username or password.', additionalDetails: null },
  deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Edge 120.0.0', isCompliant: false, isManaged: false, trustType: '' },
  location: { city: 'Redmond', state: 'Washington', countryOrRegion: 'US', geoCoordinates: { altitude: null, latitude: 47.6, longitude: -122.1 } },
};

const run = (obj: Record<string, unknown>) => normalize(JSON.stringify(obj), obj);

describe('Entra normaliser', () => {
  it('maps a directory audit: initiator, target, role assignment, user agent, 7-digit time kept', () => {
    const e = run(AUDIT);
    expect(e).toMatchObject({
      sourceId: AUDIT.id,
      ts: Date.UTC(2025, 10, 3, 14, 2, 17, 473),
      tsRaw: '2025-11-03T14:02:17.4733435Z',
      category: 'access',
      action: 'Add member to role',
      activity: 'create',
      outcome: 'success',
      actorType: 'User',
      actorId: '728309ae-4a37-4f4a-9a3e-0a1b2c3d4e5f',
      actorName: 'megan@contoso.example',
      actorEmail: 'megan@contoso.example',
      targetType: 'User',
      targetName: 'lee@contoso.example',
      ip: '203.0.113.77',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      message: 'Core Directory: Add member to role',
    });
    expect(e.raw).toBe(JSON.stringify(AUDIT));
  });

  it('maps an audit initiated by an application, and a failure with its reason', () => {
    const e = run({ ...AUDIT, result: 'failure', resultReason: 'Insufficient privileges', initiatedBy: { app: { appId: 'a1', displayName: 'Provisioning bot', servicePrincipalId: 'sp-1', servicePrincipalName: null }, user: null } });
    expect(e).toMatchObject({ actorType: 'Application', actorId: 'sp-1', actorName: 'Provisioning bot', actorEmail: null, outcome: 'failure', message: 'Core Directory: Add member to role (Insufficient privileges)' });
  });

  it('maps a failed sign-in: user, app as target, location, risk as severity', () => {
    const e = run(SIGN_IN);
    expect(e).toMatchObject({
      sourceId: SIGN_IN.id,
      tsRaw: '2025-11-03T14:05:09.1234567Z',
      ts: Date.UTC(2025, 10, 3, 14, 5, 9, 123),
      category: 'auth',
      action: 'Sign-in',
      activity: 'login',
      outcome: 'failure',
      severity: 'high',
      actorName: 'Megan Bowen',
      actorEmail: 'megan@contoso.example',
      targetType: 'Application',
      targetName: 'Graph Explorer',
      ip: '2001:db8::7',
      userAgent: 'Edge 120.0.0 on Windows 10',
      geoCountry: 'US',
      geoCity: 'Redmond',
      message: 'Sign-in to Graph Explorer: Invalid username or password.',
    });
    expect(run({ ...SIGN_IN, status: { errorCode: 0 }, isInteractive: false, riskLevelDuringSignIn: 'none' })).toMatchObject({ outcome: 'success', action: 'Sign-in (non-interactive)', severity: null });
  });

  it('is found by the source guesser and the registry', () => {
    expect(guessSourceKind(AUDIT)).toBe('entra');
    expect(guessSourceKind(SIGN_IN)).toBe('entra');
    expect(normalizerFor('entra')).toBe(normalize);
  });

  it('refuses records it cannot read with a sentence', () => {
    expect(() => run({ ...AUDIT, id: undefined })).toThrow(/^Entra record has no id/);
    expect(() => run({ ...AUDIT, activityDateTime: 'yesterday' })).toThrow(`Entra record ${AUDIT.id} has an unreadable activityDateTime "yesterday".`);
    expect(() => run({ id: 'x', hello: 1 })).toThrow(/neither activityDateTime \(directory audit\) nor createdDateTime \(sign-in\)/);
    expect(() => normalize('[1]', [1])).toThrow(/Expected a Microsoft Entra audit or sign-in record as a JSON object/);
  });
});
