/** Copy normalised: every normalised field, without the raw text or its hash. */
import { describe, expect, it } from 'vitest';
import { normalisedJson } from '../../../renderer/src/format/normalisedJson.ts';
import { fakeEvent } from '../../support/fake-api.ts';

describe('normalisedJson', () => {
  it('holds the normalised fields and leaves out raw and its hash', () => {
    const event = fakeEvent({ id: 7, tenantId: 1, ts: 1_700_000_000_000, actorEmail: 'ann@x.test', raw: '{"secret":1}' });
    const parsed = JSON.parse(normalisedJson(event)) as Record<string, unknown>;
    expect(parsed).toMatchObject({ id: 7, tenantId: 1, ts: 1_700_000_000_000, actorEmail: 'ann@x.test', outcome: 'success' });
    expect(parsed).not.toHaveProperty('raw');
    expect(parsed).not.toHaveProperty('rawSha256');
  });
});
