/**
 * Exports read back by readers nobody here wrote: Python's csv module for CSV, jq for NDJSON,
 * JSON.parse for JSON; each value equals what the workspace stores (the CSV formula prefixes
 * undone by the documented rule). The manifest beside each export matches the file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord, EventDetail } from '../../../common/contract.ts';
import { EVENT_FIELD_KEYS, EVENT_FIELDS, type EventFieldKey } from '../../../common/event-fields.ts';
import { csvColumns, unneutralise } from '../../../main/export/csv.ts';
import { manifestDigest } from '../../../main/export/manifest.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { fillWorkspace, openExportWorkspace } from './export-fixture.ts';

let store: StoreHost;
let handlers: Awaited<ReturnType<typeof openExportWorkspace>>['handlers'];
let stored: Map<number, EventDetail>;
const all = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };
const TOTAL = 9 + 1200;

async function runExport(input: Parameters<typeof handlers['exports.start']>[0]): Promise<ExportRecord> {
  const started = await handlers['exports.start'](input, {});
  await handlers.settled(started.id);
  const [done] = (await handlers['exports.list']({ limit: 1, id: started.id }, {})).exports;
  return done!;
}

beforeAll(async () => {
  const dir = tempDir();
  ({ store, handlers } = await openExportWorkspace(join(dir, 'workspace.trailkeeper')));
  await fillWorkspace(store, 1200);
  stored = new Map();
  let after: { ts: number; id: number } | null = null;
  do {
    const page: { rows: { id: number }[]; next: { ts: number; id: number } | null } = await store.read('page', { view: all, order: 'oldest', after, limit: 1000 });
    for (const row of page.rows) stored.set(row.id, (await store.read('get', { id: row.id }))!);
    after = page.next;
  } while (after);
}, 120_000);

afterAll(async () => {
  await store.close();
  removeTempDirs();
});

/** The CSV cells the workspace's values should give back, before neutralisation: `fields` in order (the time first), then the raw hash and text. */
function expectedCells(e: EventDetail, fields: readonly EventFieldKey[], withRaw: boolean): string[] {
  const cells = fields.map((key) => {
    const v = e[key];
    return key === 'ts' ? new Date(v as number).toISOString() : v === null ? '' : String(v);
  });
  return [String(e.id), String(e.tenantId), e.tenantName, ...cells, e.rawSha256, ...(withRaw ? [e.raw] : [])];
}

const readCsv = (path: string): string[][] => {
  const script = 'import csv,json,sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f: print(json.dumps(list(csv.reader(f))))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { maxBuffer: 1 << 28 }).toString('utf8')) as string[][];
};

describe('CSV export', () => {
  it('reads back through Python\'s csv module to exactly the stored values, with every row and no cap', async () => {
    const done = await runExport({ view: all, order: 'oldest', format: 'csv', fields: false, raw: true });
    expect(done.status).toBe('ok');
    expect(done.rows).toBe(TOTAL);
    expect(done.name).toMatch(/^trailkeeper-all-\d{8}T\d{6}Z\.csv$/);
    const rows = readCsv(done.path);
    expect(rows[0]).toEqual(csvColumns({ raw: true }));
    expect(rows[0]).toContain('raw');
    expect(rows.length - 1).toBe(TOTAL);
    const ids = rows.slice(1).map((r) => Number(r[0]));
    expect(ids).toEqual([...stored.keys()]);
    for (const row of rows.slice(1)) {
      const e = stored.get(Number(row[0]))!;
      expect(row.map(unneutralise)).toEqual(expectedCells(e, ['ts', ...EVENT_FIELD_KEYS.filter((k) => k !== 'ts')], true));
    }
  });

  it('writes the view\'s chosen columns in their order, the time first, and the raw text only when asked', async () => {
    const columns: EventFieldKey[] = ['outcome', 'actorEmail', 'action'];
    const done = await runExport({ view: all, order: 'oldest', format: 'csv', fields: false, columns });
    const rows = readCsv(done.path);
    expect(rows[0]).toEqual(['id', 'tenant_id', 'tenant', 'ts', 'outcome', 'actor_email', 'action', 'raw_sha256']);
    expect(rows.length - 1).toBe(TOTAL);
    for (const row of rows.slice(1)) {
      expect(row.map(unneutralise)).toEqual(expectedCells(stored.get(Number(row[0]))!, ['ts', ...columns], false));
    }
    const manifest = JSON.parse(readFileSync(done.manifestPath!, 'utf8')) as { view: { columns?: string[]; raw?: boolean } };
    expect(manifest.view.columns).toEqual(columns);
    expect(manifest.view.raw).toBeUndefined();
  });

  it('neutralises cells a spreadsheet would run as formulas, as the README says', async () => {
    const done = await runExport({ view: { ...all, query: 'hostile' }, order: 'oldest', format: 'csv', fields: false });
    const text = readFileSync(done.path, 'utf8');
    const actionCol = csvColumns().indexOf(EVENT_FIELDS.action.column);
    const python = 'import csv,json,sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f: print(json.dumps([r[int(sys.argv[2])] for r in csv.reader(f)][1:]))';
    const actions = JSON.parse(execFileSync('python3', ['-c', python, done.path, String(actionCol)]).toString('utf8')) as string[];
    expect(actions).toEqual([
      `'=HYPERLINK("http://evil.test","click")`, "'+1+1", "'-2", "'@SUM(A1)", "'\tTabbed", "'\rReturned",
      "''quoted already", 'comma, "quote", and\r\nnew line', 'Zoë 🚀 日本語',
    ]);
    expect(text.startsWith('id,tenant_id,tenant,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});

describe('exporting the rows marked in the table', () => {
  it('writes exactly the marked events that are in the view, in its order, and the manifest and a rerun keep the choice', async () => {
    const ids = [...stored.keys()];
    const marked = [ids[40]!, ids[3]!, ids[700]!, ids[1100]!];
    const done = await runExport({ view: all, order: 'newest', format: 'ndjson', fields: false, eventIds: marked });
    expect(done).toMatchObject({ status: 'ok', rows: 4 });
    const lines = readFileSync(done.path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: number; raw: string });
    const newestFirst = [...marked].sort((a, b) => stored.get(b)!.ts - stored.get(a)!.ts || b - a);
    expect(lines.map((l) => l.id)).toEqual(newestFirst);
    for (const l of lines) expect(l.raw).toBe(stored.get(l.id)!.raw);
    const manifest = JSON.parse(readFileSync(done.manifestPath!, 'utf8')) as { view: { eventIds?: number[] } };
    expect(manifest.view.eventIds).toEqual(marked);
    // A marked event outside the view is not exported: the view still applies.
    const tenantOfFirst = stored.get(marked[0]!)!.tenantId;
    const narrowed = await runExport({ view: { ...all, scope: { kind: 'tenants', tenantIds: [tenantOfFirst] } }, order: 'newest', format: 'ndjson', fields: false, eventIds: marked });
    expect(narrowed.rows).toBe(marked.filter((id) => stored.get(id)!.tenantId === tenantOfFirst).length);
    const again = await handlers['exports.rerun']({ id: done.id }, {});
    await handlers.settled(again.id);
    const [rerun] = (await handlers['exports.list']({ limit: 1, id: again.id }, {})).exports;
    expect(rerun).toMatchObject({ status: 'ok', rows: 4 });
  });
});

describe('NDJSON and JSON exports', () => {
  it('jq parses every NDJSON line and each raw equals the stored raw byte for byte', async () => {
    const done = await runExport({ view: all, order: 'newest', format: 'ndjson', fields: true });
    expect(done.rows).toBe(TOTAL);
    const out = execFileSync('jq', ['-c', '[.id, .raw, .rawSha256, .fields.actorName]', done.path], { maxBuffer: 1 << 28 }).toString('utf8');
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as [number, string, string, string | null]);
    expect(lines).toHaveLength(TOTAL);
    // Newest first: the order of the view.
    expect(lines.map((l) => l[0])).toEqual([...stored.keys()].sort((a, b) => {
      const ea = stored.get(a)!, eb = stored.get(b)!;
      return eb.ts - ea.ts || b - a;
    }));
    for (const [id, raw, sha, actorName] of lines) {
      const e = stored.get(id)!;
      expect(raw).toBe(e.raw);
      expect(sha).toBe(e.rawSha256);
      expect(actorName).toBe(e.actorName);
    }
  });

  it('JSON is one document whose items carry the raw text exactly', async () => {
    const done = await runExport({ view: all, order: 'oldest', format: 'json', fields: false });
    const items = JSON.parse(readFileSync(done.path, 'utf8')) as { id: number; raw: string; fields?: unknown }[];
    expect(items).toHaveLength(TOTAL);
    for (const item of items) {
      expect(item.raw).toBe(stored.get(item.id)!.raw);
      expect(item.fields).toBeUndefined();
    }
  });

  it('an empty view gives a valid empty file and a manifest with 0 rows', async () => {
    const done = await runExport({ view: { ...all, query: 'nosuchwordanywhere' }, order: 'oldest', format: 'json', fields: false });
    expect(done.status).toBe('ok');
    expect(JSON.parse(readFileSync(done.path, 'utf8'))).toEqual([]);
    expect(done.rows).toBe(0);
  });
});

describe('the manifest', () => {
  it('names each file with its sha256, size and rows, the view, the tenants and their chain heads, and hashes itself', async () => {
    const done = await runExport({ view: all, order: 'oldest', format: 'ndjson', fields: false });
    expect(done.manifestPath).toBe(`${done.path}.manifest.json`);
    const manifest = JSON.parse(readFileSync(done.manifestPath!, 'utf8')) as Record<string, unknown> & {
      files: { name: string; sha256: string; bytes: number; rows: number }[];
      tenants: { id: number; chainHead: string | null }[];
      manifestSha256: string;
    };
    expect(manifest['format']).toBe('trailkeeper-export-manifest');
    expect(manifest['version']).toBe(1);
    expect(manifest['appVersion']).toBe('9.9.9-test');
    expect(manifest['view']).toEqual({ ...all, order: 'oldest' });
    expect(manifest.files).toEqual([{ name: done.name, sha256: done.sha256, bytes: done.bytes, rows: TOTAL }]);
    const sha = execFileSync('sha256sum', [done.path]).toString().split(' ')[0];
    expect(done.sha256).toBe(sha);
    const { tenants } = await store.read('tenants', undefined);
    expect(manifest.tenants.map((t) => t.id)).toEqual(tenants.map((t) => t.id));
    expect(manifest.tenants[0]!.chainHead).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.manifestSha256).toBe(manifestDigest(manifest));
    expect(existsSync(`${done.path}.partial`)).toBe(false);
    expect(await handlers['exports.verify']({ id: done.id, checkWorkspace: true }, {})).toEqual({
      ok: true, filesChecked: 1, eventsChecked: TOTAL, firstMismatch: null,
    });
  });

  it('a query mistake is refused before anything is written, with its column', async () => {
    await expect(handlers['exports.start']({ view: { ...all, query: 'actor:(' }, order: 'oldest', format: 'csv', fields: false }, {}))
      .rejects.toMatchObject({ code: 'query_syntax' });
  });
});
