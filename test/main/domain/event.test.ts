import { describe, expect, it } from 'vitest';
import { normalizedEvent } from '../../../main/domain/event.ts';

const base = { sourceId: 's1', ts: 0, tsRaw: '0', action: 'login', raw: '{}' };

describe('normalizedEvent', () => {
  it('fills every optional field with null and keeps what it is given', () => {
    const e = normalizedEvent({ ...base, outcome: 'failure' });
    expect(e).toMatchObject({ ...base, outcome: 'failure', category: 'other', actorId: null, actorEmail: null, ip: null });
  });

  it('gives an actor known only by an email-shaped id or name that email, since actor:x@y searches actor_email', () => {
    expect(normalizedEvent({ ...base, actorId: 'ann@corp.example' }).actorEmail).toBe('ann@corp.example');
    expect(normalizedEvent({ ...base, actorId: 'u-1', actorName: 'bo@corp.example' }).actorEmail).toBe('bo@corp.example');
    expect(normalizedEvent({ ...base, actorId: 'root', actorName: 'Root' }).actorEmail).toBeNull();
    expect(normalizedEvent({ ...base, actorId: 'x@y.example', actorEmail: 'real@corp.example' }).actorEmail).toBe('real@corp.example');
  });
});
