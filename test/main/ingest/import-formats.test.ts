/**
 * The import formats of issue 8 ("Import from the UI, and what it must accept"), on the fixtures
 * in test/fixtures/formats and test/fixtures/malformed (see SOURCES.md there), plus variants
 * generated in a temporary folder.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFile } from '../../../main/ingest/files/detect.ts';
import { normalize as normalizeCloudTrail } from '../../../main/ingest/sources/cloudtrail.ts';
import { readAll } from './read-all.ts';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const fixture = (name: string): string => path.join(FIXTURES, name);
const LOOKUP = fixture('formats/cloudtrail-lookup-events.json');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tk-formats-'));
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

interface LookupEntry { EventId: string; CloudTrailEvent: string }
const lookupEntries = (): LookupEntry[] => (JSON.parse(readFileSync(LOOKUP, 'utf8')) as { Events: LookupEntry[] }).Events;

describe('a single pretty-printed JSON object', () => {
  it('is one event, its raw the whole object as written', async () => {
    const text = readFileSync(fixture('formats/okta-single-pretty.json'), 'utf8');
    expect(await detectFile(fixture('formats/okta-single-pretty.json'))).toMatchObject({ format: 'json-documents', sourceKind: 'okta' });
    const { events, problems } = await readAll(fixture('formats/okta-single-pretty.json'));
    expect(problems).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]?.raw).toBe(text.trimEnd());
    expect(events[0]).toMatchObject({ action: 'user.session.start', actorEmail: 'ana.souza@northwind.example', ip: '198.51.100.23', tsRaw: '2025-03-04T08:15:42.123Z' });
  });

  it('reads pretty-printed objects one after another (jq output), reporting a broken one by its line', async () => {
    const a = JSON.stringify({ uuid: 'u-1', published: '2025-01-01T00:00:00Z', eventType: 'user.session.start' }, null, 2);
    const b = JSON.stringify({ uuid: 'u-2', published: '2025-01-01T00:01:00Z', eventType: 'user.session.end' }, null, 2);
    const broken = '{\n  "uuid": "u-3",\n  "published": \n}';
    const text = `${a}\n${broken}\n${b}\n`;
    const { events, problems } = await readAll(await file('jq.json', text));
    expect(events.map((e) => e.raw)).toEqual([a, b]);
    const brokenLine = a.split('\n').length + 1;
    expect(problems).toEqual([{ line: brokenLine, message: expect.stringMatching(new RegExp(`^The object on line ${brokenLine} is not valid JSON`)) }]);
  });
});

describe('aws cloudtrail lookup-events output', () => {
  it('stores each CloudTrailEvent string as raw and normalises it like any CloudTrail record', async () => {
    expect(await detectFile(LOOKUP)).toMatchObject({ format: 'json-keyed', arrayKey: 'Events', sourceKind: 'cloudtrail' });
    const { events, problems } = await readAll(LOOKUP);
    expect(problems).toEqual([]);
    const entries = lookupEntries();
    expect(events.map((e) => e.raw)).toEqual(entries.map((e) => e.CloudTrailEvent));
    expect(events.map((e) => e.sourceId)).toEqual(entries.map((e) => e.EventId));
    // The same record read from a trail file gives the same event, column for column.
    const direct = entries.map((e) => normalizeCloudTrail(e.CloudTrailEvent, JSON.parse(e.CloudTrailEvent)));
    expect(events).toEqual(direct);
    expect(events[0]).toMatchObject({ action: 'DescribeInstanceTypes', actorName: 'pedro', ip: '1.2.3.4' });
  });

  it('reads the entries one per line too (jq -c ".Events[]"), refusing an entry whose CloudTrailEvent is broken', async () => {
    const entries = lookupEntries();
    const broken = { ...entries[1], CloudTrailEvent: '{"eventID": "cut' };
    const text = [entries[0], broken, entries[2]].map((e) => JSON.stringify(e)).join('\n');
    const { events, problems } = await readAll(await file('lookup.ndjson', text));
    expect(events.map((e) => e.sourceId)).toEqual([entries[0]?.EventId, entries[2]?.EventId]);
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/^Line 2 is a lookup-events entry whose CloudTrailEvent is not valid JSON/) }]);
  });
});

describe('Microsoft Entra and portal exports (detection; normalisers in sources/entra.ts and sources/portal.ts)', () => {
  it('reads a Graph directoryAudits page {"value": […]} as Entra, keeping the 7-digit fraction', async () => {
    const p = fixture('formats/entra-directory-audits.json');
    expect(await detectFile(p)).toMatchObject({ format: 'json-keyed', arrayKey: 'value', sourceKind: 'entra' });
    const { events, problems } = await readAll(p);
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.action, e.tsRaw, e.outcome])).toEqual([
      ['Add user', '2025-03-04T09:00:01.1234567Z', 'success'],
      ['Add member to role', '2025-03-04T09:05:17.7654321Z', 'failure'],
    ]);
  });

  it('reads an Entra sign-in export as a bare array, and a one-line Graph page as curl saves it', async () => {
    const p = fixture('formats/entra-signins.json');
    expect(await detectFile(p)).toMatchObject({ format: 'json-array', sourceKind: 'entra' });
    const { events } = await readAll(p);
    expect(events.map((e) => [e.actorEmail, e.outcome])).toEqual([['grace@contoso.example', 'success'], ['mallory@contoso.example', 'failure']]);
    const elements = JSON.parse(readFileSync(p, 'utf8')) as unknown[];
    const page = JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: elements });
    const oneLine = await file('signins-page.json', `${page}\n${page}\n`);
    expect(await detectFile(oneLine)).toMatchObject({ format: 'json-keyed', arrayKey: 'value', sourceKind: 'entra' });
    expect((await readAll(oneLine)).events).toHaveLength(4);
  });

  it('reads the portal REST shape {"data": […], "meta": …}', async () => {
    const p = fixture('formats/portal-audit-logs.json');
    expect(await detectFile(p)).toMatchObject({ format: 'json-keyed', arrayKey: 'data', sourceKind: 'portal' });
    const { events, problems } = await readAll(p);
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.sourceId, e.action, e.outcome, e.targetId])).toEqual([
      ['evt_0001', 'auth.login.failure', 'failure', 'bob-uuid'],
      ['evt_0002', 'user.role.assigned', 'success', 'bob-uuid'],
    ]);
  });

  it('does not take a record for a page because it holds an array named like one', async () => {
    const github = JSON.stringify({ '@timestamp': 1718013600123, _document_id: 'doc-1', action: 'repo.create', actor: 'octo', data: [1, 2] });
    const p = await file('github-data.ndjson', `${github}\n`);
    expect(await detectFile(p)).toMatchObject({ format: 'ndjson', sourceKind: 'github' });
    expect((await readAll(p)).events.map((e) => e.sourceId)).toEqual(['doc-1']);
  });

  it('reads a Graph page larger than the detection head, pretty-printed', async () => {
    const elements = JSON.parse(readFileSync(fixture('formats/entra-signins.json'), 'utf8')) as Record<string, unknown>[];
    const many = Array.from({ length: 600 }, (_, i) => ({ ...elements[i % 2], id: `66ea54eb-6301-4ee5-be62-${String(i).padStart(12, '0')}` }));
    const p = await file('big-page.json', JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: many }, null, 2));
    expect(readFileSync(p).length).toBeGreaterThan(256 * 1024);
    expect(await detectFile(p)).toMatchObject({ format: 'json-keyed', arrayKey: 'value', sourceKind: 'entra' });
    const { events, problems } = await readAll(p);
    expect([events.length, problems]).toEqual([600, []]);
  });

  it('finds a wrapper whose array comes after an object member', async () => {
    const text = JSON.stringify({ meta: { next_cursor: null }, data: [{ id: 'evt_9', timestamp: '2025-03-04T10:00:00Z', event_type: 'auth.logout' }] }, null, 2);
    const p = await file('portal-late-data.json', text);
    expect(await detectFile(p)).toMatchObject({ format: 'json-keyed', arrayKey: 'data', sourceKind: 'portal' });
    expect((await readAll(p)).events.map((e) => e.sourceId)).toEqual(['evt_9']);
  });
});

describe('malformed input: line numbers, a count, and every good event kept', () => {
  it('a bad JSON line', async () => {
    const { events, problems } = await readAll(fixture('malformed/okta-bad-lines.ndjson'));
    expect(events).toHaveLength(6);
    expect(problems.map((p) => p.line)).toEqual([3, 6]);
    expect(problems.every((p) => /^Line \d is not valid JSON/.test(p.message))).toBe(true);
  });

  it('a wrong CSV column count', async () => {
    const { events, problems } = await readAll(fixture('malformed/github-wrong-columns.csv'));
    expect(events.map((e) => e.sourceId)).toEqual(['doc-1', 'doc-2', 'doc-4', 'doc-5', 'doc-7', 'doc-8']);
    expect(problems).toEqual([
      { line: 4, message: 'The record has 7 fields but the header has 5.' },
      { line: 7, message: 'The record has 6 fields but the header has 5.' },
    ]);
  });

  it('a truncated gzip', async () => {
    const { events, problems } = await readAll(fixture('malformed/okta-truncated.ndjson.gz'));
    expect(events).toHaveLength(964);
    expect(events.at(-1)?.sourceId).toBe('10000000-0000-4000-8000-000000000963');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ line: 965, message: expect.stringMatching(/^Line 965 is not valid JSON/) });
    expect(problems[1]).toEqual({ line: 966, message: 'The compressed data is damaged or truncated after line 965 (unexpected end of file); the rest of the file could not be read.' });
  });
});
