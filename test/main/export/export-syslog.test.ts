/**
 * The RFC 5424 export parses back through Trailkeeper's own syslog parser and normaliser
 * (main/ingest/sources/syslog.ts) with the stored fields: time, action, actor, outcome, target,
 * and the rest in the structured data; hostile values survive the SD escaping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, ExportRecord } from '../../../common/contract.ts';
import { normalize, parseSyslog } from '../../../main/ingest/sources/syslog.ts';
import { SD_ID } from '../../../main/export/syslog5424.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { fillWorkspace, openExportWorkspace } from './export-fixture.ts';

let store: StoreHost;
let handlers: Awaited<ReturnType<typeof openExportWorkspace>>['handlers'];
/** What survives one line: line breaks become spaces (documented in syslog5424.ts). */
const flat = (text: string) => text.replace(/\r\n|\r|\n/g, ' ');
const all = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };

beforeAll(async () => {
  ({ store, handlers } = await openExportWorkspace(join(tempDir(), 'workspace.trailkeeper')));
  await fillWorkspace(store, 300);
}, 120_000);

afterAll(async () => {
  await store.close();
  removeTempDirs();
});

describe('RFC 5424 export', () => {
  it('every line parses back with the stored fields', async () => {
    const started = await handlers['exports.start']({ view: all, order: 'oldest', format: 'syslog', fields: false }, {});
    await handlers.settled(started.id);
    const [done] = (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports as ExportRecord[];
    expect(done).toMatchObject({ status: 'ok', rows: 309 });
    expect(done!.name).toMatch(/\.log$/);
    const lines = readFileSync(done!.path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(309);
    for (const line of lines) {
      const msg = parseSyslog(line);
      const sd = msg.structuredData.find((e) => e.id === SD_ID)!.params;
      const e = (await store.read('get', { id: Number(sd['id']) })) as EventDetail;
      expect(sd).toMatchObject({
        tenant: e.tenantName,
        action: flat(e.action),
        outcome: e.outcome,
        category: e.category,
        rawSha256: e.rawSha256,
        sourceId: e.sourceId,
      });
      if (e.actorEmail) expect(sd['actor']).toBe(e.actorEmail);
      if (e.targetName) expect(sd['target']).toBe(e.targetName);
      if (e.ip) expect(sd['ip']).toBe(e.ip);
      expect(msg.severity).toBe(e.outcome === 'failure' ? 4 : 6);
      const again = normalize(line);
      expect(again.ts).toBe(e.ts);
      expect(again.ip).toBe(e.ip);
      const actor = e.actorEmail ?? e.actorName ?? e.actorId;
      expect(again.actorName).toBe(actor === null ? null : flat(actor));
      // A receiver drops the spaces between the structured data and MSG.
      expect(again.message).toBe(e.message === null ? null : flat(e.message).replace(/^ +/, ''));
      if (/^[\x21-\x7e]{1,32}$/.test(e.action)) expect(again.action).toBe(e.action);
    }
    expect(await handlers['exports.verify']({ id: done!.id, checkWorkspace: true }, {})).toMatchObject({ ok: true, eventsChecked: 309 });
  });
});
