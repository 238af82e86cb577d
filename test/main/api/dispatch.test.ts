import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../main/api/dispatch.ts';
import { ApiError } from '../../../main/api/errors.ts';
import { CALL_NAMES } from '../../../common/contract.ts';

const HISTOGRAM_OUTPUT = { bucketMs: 60_000, buckets: [{ start: 0, count: 3 }], tookMs: 1 };

function recordingHandlers(): { handlers: Handlers; calls: unknown[] } {
  const calls: unknown[] = [];
  const handlers = Object.fromEntries(
    CALL_NAMES.map((name) => [name, async (input: unknown) => (calls.push([name, input]), HISTOGRAM_OUTPUT)]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const view = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };

describe('dispatch validates every call against the contract', () => {
  const cases: [string, unknown, string][] = [
    ['events.page', { view, order: 'newest', after: null, limit: 5000 }, 'limit'],
    ['events.page', { view, order: 'sideways', after: null, limit: 10 }, 'order'],
    ['events.page', { view, order: 'newest', after: { ts: 'yesterday', id: 1 }, limit: 10 }, 'after.ts'],
    ['events.page', { order: 'newest', after: null, limit: 10 }, 'view'],
    ['events.count', { view: { ...view, range: { from: 10, to: 5 } } }, 'view.range.from'],
    ['events.count', { view: { ...view, scope: { kind: 'group', group: '' } } }, 'view.scope.group'],
    ['events.count', { view: { ...view, scope: { kind: 'planet' } } }, 'view.scope.kind'],
    ['events.count', { view: { ...view, query: 'x'.repeat(10_001) } }, 'view.query'],
    ['events.get', { id: -4 }, 'id'],
    ['events.get', { id: 1.5 }, 'id'],
    ['events.get', {}, 'id'],
    ['events.topValues', { view, field: 'raw', limit: 10 }, 'field'],
    ['events.histogram', { view, maxBuckets: 0 }, 'maxBuckets'],
    ['integrity.verify', { tenantIds: ['1'] }, 'tenantIds.0'],
  ];

  it.each(cases)('%s rejects bad input and names the field (%#)', async (name, input, field) => {
    const { handlers, calls } = recordingHandlers();
    const error = await rejection(dispatch(handlers, name, input));
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(calls).toEqual([]);
  });

  it('passes valid, defaulted input through to the handler', async () => {
    const { handlers, calls } = recordingHandlers();
    await expect(dispatch(handlers, 'events.histogram', { view })).resolves.toEqual(HISTOGRAM_OUTPUT);
    expect(calls).toEqual([['events.histogram', { view, maxBuckets: 120 }]]);
  });

  it('refuses to hand out a handler result that breaks the output contract', async () => {
    const { handlers } = recordingHandlers();
    // A histogram answer is not a count answer: the caller gets an internal error, not a wrong shape.
    const error = await rejection(dispatch(handlers, 'events.count', { view }));
    expect(error.code).toBe('internal');
  });

  it('refuses a name that is not a call, including prototype keys', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      expect((await rejection(dispatch(handlers, name, {}))).code).toBe('not_found');
    }
    expect(calls).toEqual([]);
  });
});
