/** The fake API holds to the contract: bad input and answers the real API could not give are errors. */
import { describe, expect, it } from 'vitest';
import { createFakeApi, fakeEvent, fakeTenant } from '../../support/fake-api.ts';

describe('fake API', () => {
  const tenants = [fakeTenant({ id: 1, name: 'Acme' })];

  it('refuses input the contract refuses, naming the field', async () => {
    const { api } = createFakeApi({ tenants, events: [] });
    const bad = { view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' }, order: 'newest', after: null, limit: 0 } as const;
    await expect(api['events.page'](bad)).rejects.toMatchObject({ code: 'invalid_input', field: 'limit' });
  });

  it('fails the test when its answer breaks the contract', async () => {
    const broken = { ...fakeEvent({ id: 1, tenantId: 1, ts: 0 }), outcome: 'maybe' } as unknown as ReturnType<typeof fakeEvent>;
    const { api } = createFakeApi({ tenants, events: [broken] });
    await expect(api['events.get']({ id: 1 })).rejects.toThrow(/answer to events\.get breaks the contract/);
  });

  it('says which call it does not implement', async () => {
    const { api } = createFakeApi({ tenants, events: [] });
    await expect(api['integrity.verify']({})).rejects.toThrow('The fake API does not implement integrity.verify');
  });
});
