/**
 * The OCSF export: every event of a mixed workspace (sign-ins, account changes, API calls, the
 * hostile ones) validates against the OCSF schema files for its class; class and activity come
 * from category and activity; what does not map stays under `unmapped`; the validator itself
 * rejects a broken event, so a pass means something.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, ExportRecord } from '../../../common/contract.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { fillWorkspace, openExportWorkspace } from './export-fixture.ts';
import { validateOcsfEvent } from './ocsf-schema.ts';

let store: StoreHost;
let handlers: Awaited<ReturnType<typeof openExportWorkspace>>['handlers'];
const all = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };

beforeAll(async () => {
  ({ store, handlers } = await openExportWorkspace(join(tempDir(), 'workspace.trailkeeper')));
  await fillWorkspace(store, 400);
}, 120_000);

afterAll(async () => {
  await store.close();
  removeTempDirs();
});

describe('OCSF export', () => {
  it('validates every event against the schema of its class, with class and activity from category and activity', async () => {
    const started = await handlers['exports.start']({ view: all, order: 'oldest', format: 'ocsf', fields: false }, {});
    await handlers.settled(started.id);
    const [done] = (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports as ExportRecord[];
    expect(done).toMatchObject({ status: 'ok', rows: 409 });
    expect(done!.name).toMatch(/\.ocsf\.ndjson$/);
    const events = readFileSync(done!.path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const classes = new Set<number>();
    for (const event of events) {
      expect(validateOcsfEvent(event)).toEqual([]);
      const t = (event['unmapped'] as { trailkeeper: { id: number } }).trailkeeper;
      const e = (await store.read('get', { id: t.id })) as EventDetail;
      classes.add(event['class_uid'] as number);
      const expectedClass = e.category === 'auth' ? 3002 : e.category === 'user' ? 3001 : 6003;
      expect(event['class_uid']).toBe(expectedClass);
      if (expectedClass === 3002) expect(event['activity_id']).toBe(e.activity === 'login' ? 1 : e.activity === 'logout' ? 2 : 99);
      if (expectedClass === 6003) {
        expect(event['activity_id']).toBe({ create: 1, read: 2, update: 3, delete: 4 }[e.activity as string] ?? 99);
        expect((event['api'] as { operation: string }).operation).toBe(e.action);
      }
      expect(event['time']).toBe(e.ts);
      expect(event['raw_data']).toBe(e.raw);
      expect(event['status_id']).toBe({ success: 1, failure: 2, unknown: 0 }[e.outcome]);
      expect(event['unmapped']).toMatchObject({ trailkeeper: { rawSha256: e.rawSha256, tenant: e.tenantName, action: e.action } });
    }
    expect([...classes].sort()).toEqual([3001, 3002, 6003]);
    expect(await handlers['exports.verify']({ id: done!.id, checkWorkspace: true }, {})).toMatchObject({ ok: true, eventsChecked: 409 });
  });

  it('the validator names what is wrong with a broken event', () => {
    const broken = { class_uid: 3002, category_uid: 6, activity_id: 42, type_uid: 1, time: 'noon', metadata: { product: {} }, user: {}, colour: 'red' };
    const problems = validateOcsfEvent(broken);
    expect(problems).toEqual(expect.arrayContaining([
      "category_uid 6 is not iam's",
      '$.severity_id: required',
      '$.metadata.version: required',
      '$.metadata.product: needs at least one of name, uid',
      '$.user: needs at least one of account, name, uid',
      '$.colour: not an attribute here',
      '$.time: "noon" is not a timestamp_t',
      '$.type_uid: must be class_uid * 100 + activity_id',
    ]));
    expect(problems.some((p) => p.startsWith('$.activity_id: 42 is not one of'))).toBe(true);
    expect(validateOcsfEvent({ class_uid: 9999 })).toEqual(['class_uid 9999 is not a class in the copied schema']);
  });
});
