/**
 * OCSF as Hive-partitioned Parquet, read back by DuckDB (its Node-API package, test only):
 * `read_parquet(…, hive_partitioning = true)` over the export's folder gives every event once,
 * with the tenant and date partitions and the same values as the OCSF events; the manifest
 * lists each part file and verify checks them.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, ExportRecord } from '../../../common/contract.ts';
import { ocsfEvent } from '../../../main/export/ocsf.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { makeEvents, removeTempDirs, tempDir } from '../store/fixtures.ts';
import { fillWorkspace, openExportWorkspace } from './export-fixture.ts';

let store: StoreHost;
let handlers: Awaited<ReturnType<typeof openExportWorkspace>>['handlers'];
const all = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };

beforeAll(async () => {
  ({ store, handlers } = await openExportWorkspace(join(tempDir(), 'workspace.trailkeeper')));
  await fillWorkspace(store, 2000);
  // A second tenant over five days: several partitions, interleaved in time with the first.
  const connectionId = await store.write('ensureConnection', { kind: 'okta', label: 'Beta', baseUrl: null });
  const beta = await store.write('ensureTenant', { connectionId, tenant: { externalId: 'beta', name: 'Beta', groups: [] } });
  await store.write('ingestBatch', { tenantId: beta, events: makeEvents(9, 1000, { prefix: 'beta', minutes: 60 * 24 * 5 }) });
}, 120_000);

afterAll(async () => {
  await store.close();
  removeTempDirs();
});

describe('OCSF Parquet export', () => {
  it('DuckDB reads the partitions back with the same rows and values', async () => {
    const started = await handlers['exports.start']({ view: all, order: 'oldest', format: 'ocsf-parquet', fields: false }, {});
    await handlers.settled(started.id);
    const [done] = (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports as ExportRecord[];
    expect(done).toMatchObject({ status: 'ok', rows: 3009 });
    expect(existsSync(`${done!.path}.partial`)).toBe(false);
    expect(readdirSync(done!.path).sort()).toEqual(['tenant=1', 'tenant=2']);
    expect(readdirSync(join(done!.path, 'tenant=2')).sort()).toEqual(['date=2025-01-01', 'date=2025-01-02', 'date=2025-01-03', 'date=2025-01-04', 'date=2025-01-05']);

    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      const glob = join(done!.path, '**', '*.parquet').replaceAll("'", "''");
      const reader = await db.runAndReadAll(
        `SELECT epoch_ms(time) AS ms, class_uid, activity_id, status_id, raw_data, CAST(unmapped AS VARCHAR) AS unmapped,
                CAST(metadata AS VARCHAR) AS metadata, CAST(tenant AS VARCHAR) AS tenant, CAST(date AS VARCHAR) AS date
         FROM read_parquet('${glob}', hive_partitioning = true) ORDER BY ms, raw_data`,
      );
      const rows = reader.getRowObjectsJS() as { ms: bigint; class_uid: number; activity_id: number; status_id: number; raw_data: string; unmapped: string; metadata: string; tenant: string; date: string }[];
      expect(rows).toHaveLength(3009);
      const ids = new Set<number>();
      for (const row of rows) {
        const t = (JSON.parse(row.unmapped) as { trailkeeper: { id: number } }).trailkeeper;
        ids.add(t.id);
        const e = (await store.read('get', { id: t.id })) as EventDetail;
        const expected = ocsfEvent({ ...e });
        expect(Number(row.ms)).toBe(e.ts);
        expect(row.raw_data).toBe(e.raw);
        expect(row.class_uid).toBe(expected['class_uid']);
        expect(row.activity_id).toBe(expected['activity_id']);
        expect(row.status_id).toBe(expected['status_id']);
        expect(JSON.parse(row.metadata)).toEqual(expected['metadata']);
        expect(JSON.parse(row.unmapped)).toEqual(expected['unmapped']);
        expect(row.tenant).toBe(String(e.tenantId));
        expect(row.date).toBe(new Date(e.ts).toISOString().slice(0, 10));
      }
      expect(ids.size).toBe(3009);
    } finally {
      db.closeSync();
    }

    const manifest = readFileSync(done!.manifestPath!, 'utf8');
    const files = (JSON.parse(manifest) as { files: { name: string; rows: number }[] }).files;
    expect(files.every((f) => /^tenant=[12]\/date=\d{4}-\d{2}-\d{2}\/part-0\.parquet$/.test(f.name.slice(done!.name.length + 1)))).toBe(true);
    expect(files).toHaveLength(6);
    expect(files.reduce((n, f) => n + f.rows, 0)).toBe(3009);
    const verdict = await handlers['exports.verify']({ id: done!.id, checkWorkspace: true }, {});
    expect(verdict.firstMismatch).toBeNull();
    expect(verdict).toMatchObject({ ok: true, filesChecked: files.length });
  });
});
