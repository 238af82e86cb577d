/**
 * The portal normaliser on both shapes: the per-tenant REST entry (event type, actor object or id,
 * `user:bob-uuid` targets, geolocation, result) and the MSP portal's own activity (performer with
 * role, object, context); ids derived from the raw bytes when a record has none.
 */
import { describe, expect, it } from 'vitest';
import { derivedSourceId, isDerivedSourceId } from '../../../main/ingest/sources/derived-id.ts';
import { guessSourceKind, normalizerFor } from '../../../main/ingest/sources/index.ts';
import { normalize } from '../../../main/ingest/sources/portal.ts';

const ENTRY = {
  id: 'evt_8HqT2vKp0Lx9aB3cD4eF',
  timestamp: '2025-12-01T09:30:12.345Z',
  event_type: 'user.role.assigned',
  actor: { id: 'alice-3f2a', email: 'alice@acme.example', name: 'Alice Martin', role: 'admin' },
  target: 'user:bob-uuid',
  ip: '198.51.100.9',
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
  geolocation: { country: 'DE', city: 'Berlin', latitude: 52.5, longitude: 13.4 },
  details: { role: 'admin', granted_by: 'alice' },
  result: 'success',
};

const ACTIVITY = {
  id: 'act_77',
  timestamp: '2025-12-01T10:00:00Z',
  action: 'collector.created',
  object: { type: 'collector', id: 'col_12', name: 'DC collector' },
  performer: { name: 'Mia Admin', email: 'mia@msp.example', role: 'Admin' },
  context: { customer: 'acme-health', ip: '203.0.113.4', user_agent: 'curl/8.5.0', changes: { enabled: true } },
};

const run = (obj: Record<string, unknown>) => normalize(JSON.stringify(obj), obj);

describe('portal normaliser', () => {
  it('maps a REST audit entry', () => {
    expect(run(ENTRY)).toMatchObject({
      sourceId: 'evt_8HqT2vKp0Lx9aB3cD4eF', ts: Date.UTC(2025, 11, 1, 9, 30, 12, 345), tsRaw: '2025-12-01T09:30:12.345Z',
      category: 'access', action: 'user.role.assigned', activity: 'create', outcome: 'success',
      actorId: 'alice-3f2a', actorName: 'Alice Martin', actorEmail: 'alice@acme.example', actorRole: 'admin',
      targetType: 'user', targetId: 'bob-uuid', ip: '198.51.100.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      geoCountry: 'DE', geoCity: 'Berlin', message: 'user.role.assigned bob-uuid',
    });
  });

  it.each([
    ['auth.login.failure', 'failure', 'auth', 'login', 'failure'],
    ['auth.logout', 'success', 'auth', 'logout', 'success'],
    ['security.impossible_travel', undefined, 'security', 'other', 'unknown'],
    ['api_key.created', 'success', 'access', 'create', 'success'],
    ['settings.sso.updated', 'success', 'config', 'update', 'success'],
  ])('classifies %s', (eventType, result, category, activity, outcome) => {
    expect(run({ ...ENTRY, event_type: eventType, result })).toMatchObject({ category, activity, outcome });
  });

  it('reads an actor given as a plain id and a target given as an object', () => {
    expect(run({ ...ENTRY, actor: 'svc-sync', target: { type: 'group', id: 'g-1', name: 'Admins' } }))
      .toMatchObject({ actorId: 'svc-sync', actorName: 'svc-sync', actorEmail: null, targetType: 'group', targetId: 'g-1', targetName: 'Admins' });
  });

  it('maps the MSP portal activity: performer, role, object, context', () => {
    expect(run(ACTIVITY)).toMatchObject({
      sourceId: 'act_77', ts: Date.UTC(2025, 11, 1, 10), category: 'infrastructure', action: 'collector.created', activity: 'create',
      outcome: 'success', actorName: 'Mia Admin', actorEmail: 'mia@msp.example', actorRole: 'Admin',
      targetType: 'collector', targetId: 'col_12', targetName: 'DC collector', ip: '203.0.113.4', userAgent: 'curl/8.5.0',
      message: 'Mia Admin: collector.created DC collector',
    });
    expect(run({ ...ACTIVITY, action: 'rule.disabled' })).toMatchObject({ category: 'config', activity: 'update' });
    expect(run({ ...ACTIVITY, action: 'gateway.created' })).toMatchObject({ category: 'integration', activity: 'create' });
    expect(run({ ...ACTIVITY, action: 'report.exported' })).toMatchObject({ category: 'compliance', activity: 'read' });
  });

  it('derives a stable id from the raw bytes when a record has none', () => {
    const { id: _id, ...noId } = ENTRY;
    const raw = JSON.stringify(noId);
    const e = normalize(raw, noId);
    expect(e.sourceId).toBe(derivedSourceId(raw));
    expect(isDerivedSourceId(e.sourceId)).toBe(true);
    expect(e.sourceId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(normalize(raw, JSON.parse(raw)).sourceId).toBe(e.sourceId);
    const { id: _a, ...activityNoId } = ACTIVITY;
    expect(isDerivedSourceId(run(activityNoId).sourceId)).toBe(true);
  });

  it('is found by the source guesser and the registry', () => {
    expect(guessSourceKind(ENTRY)).toBe('portal');
    expect(guessSourceKind(ACTIVITY)).toBe('portal');
    expect(normalizerFor('portal')).toBe(normalize);
  });

  it('refuses records it cannot read with a sentence', () => {
    expect(() => run({ ...ENTRY, event_type: undefined })).toThrow(/^Portal record evt_8HqT2vKp0Lx9aB3cD4eF has no event_type/);
    expect(() => run({ ...ENTRY, timestamp: '01/12/2025' })).toThrow('Portal record evt_8HqT2vKp0Lx9aB3cD4eF has an unreadable timestamp "01/12/2025".');
    expect(() => run({ ...ACTIVITY, action: undefined })).toThrow(/^MSP portal record act_77 has no action/);
  });
});
