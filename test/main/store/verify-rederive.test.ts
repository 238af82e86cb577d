/**
 * Issue 7, item 7: verify re-derives the normalised columns from raw with the normaliser that
 * wrote them. Files of several sources and formats are imported through the production import
 * op; then single columns are edited with a plain SQLite connection, as any SQLite client could.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../common/contract.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { verifyWorkspace, VerifyRequestError } from '../../../main/store/verify.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { rederive } from '../../../main/store-worker/normalizers.ts';
import { writeOps } from '../../../main/store-worker/write-ops.ts';
import { makeEvents, removeTempDirs, tempDir } from './fixtures.ts';

afterAll(removeTempDirs);

const REPO = join(import.meta.dirname, '../../..');
const OKTA_CSV = [
  'uuid,published,eventType,actor.alternateId,actor.displayName,client.ipAddress,outcome.result',
  'u-1,2025-03-01T10:00:00.000Z,user.session.start,ann@acme.test,Ann Archer,10.1.2.3,SUCCESS',
  'u-2,2025-03-01T10:05:00.000Z,user.session.start,"bo@acme.test","Bo, Baker",2001:db8::7,FAILURE',
].join('\n');
const CLOUDTRAIL_CSV = [
  'Event ID,Event time,Event name,Event source,User name,Source IP address,AWS region,Error code',
  'ct-1,2025-03-02T08:00:00Z,ConsoleLogin,signin.amazonaws.com,pedro,198.51.100.4,us-east-1,',
  'ct-2,2025-03-02T08:01:00Z,DeleteBucket,s3.amazonaws.com,maria,198.51.100.5,us-east-1,AccessDenied',
].join('\n');

let template: string;
const tenantOf = new Map<string, number>();

function verify(path: string, tenantIds?: number[]) {
  const db = openWorkspaceForRead(path);
  try {
    return verifyWorkspace(db, tenantIds, rederive);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'okta-export.csv'), OKTA_CSV);
  writeFileSync(join(dir, 'cloudtrail-console.csv'), CLOUDTRAIL_CSV);
  const files: [string, string][] = [
    ['okta', join(REPO, 'resources/demo/okta-contoso.ndjson.gz')],
    ['github', join(REPO, 'resources/demo/github-fabrikam-finance.ndjson.gz')],
    ['cloudtrail', join(REPO, 'test/fixtures/samples/cloudtrail/otrf-ec2-proxy-s3-exfiltration.jsonl')],
    ['m365', join(REPO, 'test/fixtures/samples/m365/microsoft_audit_log.jsonl')],
    ['syslog', join(REPO, 'test/fixtures/samples/syslog/rsyslog-protocol23.log')],
    ['okta-csv', join(dir, 'okta-export.csv')],
    ['cloudtrail-csv', join(dir, 'cloudtrail-console.csv')],
  ];
  template = join(dir, 'template.trailkeeper');
  const db = openWorkspaceForWrite(template);
  const ops = writeOps(db);
  const connectionId = ensureConnection(db, { kind: 'file', label: 'Files', baseUrl: null });
  for (const [name, file] of files) {
    const tenantId = ensureTenant(db, connectionId, { externalId: name, name, groups: [] });
    tenantOf.set(name, tenantId);
    const result = await ops.importFile({ path: file, tenantId }, { signal: new AbortController().signal, report: () => {} });
    expect(result.inserted, name).toBeGreaterThan(0);
  }
  closeWorkspace(db);
});

/** A copy of the template with one edit made through a plain connection. */
function edited(sql: string, ...params: unknown[]): string {
  const path = join(tempDir(), 'ws.trailkeeper');
  copyFileSync(template, path);
  const plain = new Database(path);
  expect(plain.prepare(sql).run(...params).changes).toBe(1);
  plain.close();
  return path;
}

/** The id of the n-th event (by id) of a tenant. */
function eventOf(tenant: string, nth = 3): number {
  const db = new Database(template, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM events WHERE tenant_id = ? ORDER BY id LIMIT 1 OFFSET ?').get(tenantOf.get(tenant), nth) as { id: number }).id;
  } finally {
    db.close();
  }
}

describe('verify re-derives the normalised columns', () => {
  it('records each batch’s normaliser and version, and a clean import re-derives every event', () => {
    const db = new Database(template, { readonly: true });
    const names = db.prepare('SELECT DISTINCT t.name, b.normalizer FROM batches b JOIN tenants t ON t.id = b.tenant_id ORDER BY t.name').all();
    const total = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    db.close();
    expect(names).toEqual([
      { name: 'cloudtrail', normalizer: 'cloudtrail@1' },
      { name: 'cloudtrail-csv', normalizer: 'cloudtrail+csv@1' },
      { name: 'github', normalizer: 'github@1' },
      { name: 'm365', normalizer: 'm365@1' },
      { name: 'okta', normalizer: 'okta@1' },
      { name: 'okta-csv', normalizer: 'okta+csv@1' },
      { name: 'syslog', normalizer: 'syslog@1' },
    ]);
    expect(verify(template)).toMatchObject({ ok: true, eventsChecked: total, eventsNotRederived: 0, firstBreak: null });
  });

  const edits: [string, string, string, unknown][] = [
    ['okta', 'actor_email', 'UPDATE event_rows SET actor_email = ? WHERE id = ?', 'mallory@evil.test'],
    ['okta', 'actor_name', 'UPDATE event_rows SET actor_name = ? WHERE id = ?', 'Someone Else'],
    ['okta', 'ip', 'UPDATE event_rows SET ip = ? WHERE id = ?', '203.0.113.66'],
    ['github', 'ts', 'UPDATE event_rows SET ts = ts + ? WHERE id = ?', 3_600_000],
    ['cloudtrail', 'outcome', "UPDATE event_rows SET outcome = CASE WHEN outcome = ? THEN 'failure' ELSE 'success' END WHERE id = ?", 'success'],
    ['m365', 'action', 'UPDATE event_rows SET action = ? WHERE id = ?', 'Nothing.Happened'],
    ['syslog', 'message', 'UPDATE event_rows SET message = ? WHERE id = ?', 'all quiet'],
    ['okta-csv', 'actor_email', 'UPDATE event_rows SET actor_email = ? WHERE id = ?', 'mallory@evil.test'],
    ['cloudtrail-csv', 'ip', 'UPDATE event_rows SET ip = ? WHERE id = ?', '192.0.2.1'],
  ];
  for (const [tenant, column, sql, value] of edits) {
    it(`an edited ${column} (${tenant}) is named, with its event`, () => {
      const id = eventOf(tenant, tenant.endsWith('csv') ? 1 : 3);
      const result = verify(edited(sql, value, id));
      expect(result.ok).toBe(false);
      expect(result.firstBreak).toMatchObject({ tenantId: tenantOf.get(tenant), kind: 'event', eventId: id });
      expect(result.firstBreak!.detail).toContain(`its ${column} is`);
      expect(result.firstBreak!.detail).toContain(`event ${id}`);
    });
  }

  it('an ip_bin edited alone (CIDR filters read it) is named', () => {
    const id = eventOf('okta');
    const result = verify(edited('UPDATE event_rows SET ip_bin = zeroblob(16) WHERE id = ?', id));
    expect(result.firstBreak).toMatchObject({ kind: 'event', eventId: id });
    expect(result.firstBreak!.detail).toMatch(/ip_bin/);
  });

  it('clearing a batch’s normaliser to dodge the check breaks its batch hash', () => {
    const db = new Database(template, { readonly: true });
    const batchId = (db.prepare('SELECT id FROM batches WHERE tenant_id = ? LIMIT 1').get(tenantOf.get('okta')) as { id: number }).id;
    db.close();
    const path = edited('UPDATE batches SET normalizer = NULL WHERE id = ?', batchId);
    expect(verify(path).firstBreak).toMatchObject({ kind: 'batch', batchId });
  });
});

describe('events whose normaliser is not known are checked for raw only, and counted', () => {
  it('batches written without a name, or by a normaliser version this build lacks', () => {
    const path = join(tempDir(), 'legacy.trailkeeper');
    const db = openWorkspaceForWrite(path);
    const tenantId = ensureTenant(db, ensureConnection(db, { kind: 'okta', label: 'L', baseUrl: null }), { externalId: 'l', name: 'L', groups: [] });
    const writer = new EventWriter(db);
    writer.ingestBatch({ tenantId, events: makeEvents(5, 30, { prefix: 'old' }) });
    writer.ingestBatch({ tenantId, events: makeEvents(6, 20, { prefix: 'future' }), normalizer: 'okta@99' });
    closeWorkspace(db);
    expect(verify(path)).toEqual({ ok: true, eventsChecked: 50, eventsNotRederived: 50, batchesChecked: 2, firstBreak: null });
  });
});

describe('which tenants to verify must name real tenants', () => {
  it('the store refuses an empty list and an unknown id with a sentence', () => {
    expect(() => verify(template, [])).toThrow(VerifyRequestError);
    expect(() => verify(template, [])).toThrow(/Name at least one tenant/);
    expect(() => verify(template, [tenantOf.get('okta')!, 9999])).toThrow(/no tenant with id 9999/);
  });

  it('the API answers invalid_input for [] and not_found for an unknown id', async () => {
    expect(calls['integrity.verify'].input.safeParse({ tenantIds: [] }).success).toBe(false);
    const reads: string[] = [];
    const store = {
      read: async (op: string) => {
        reads.push(op);
        return op === 'tenants' ? { tenants: [{ id: 1 }], groups: [] } : { ok: true, eventsChecked: 0, eventsNotRederived: 0, batchesChecked: 0, firstBreak: null };
      },
    } as unknown as StoreHost;
    const handlers = createHandlers({ store, version: 't', workspacePath: 'w', transport: 'http', demoStatus: () => null, retention: { runNow: async () => 0 } } as never);
    await expect(handlers['integrity.verify']({ tenantIds: [1, 42] }, {})).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('42') });
    expect(reads).toEqual(['tenants']);
    await expect(handlers['integrity.verify']({ tenantIds: [1] }, {})).resolves.toMatchObject({ ok: true });
  });
});
