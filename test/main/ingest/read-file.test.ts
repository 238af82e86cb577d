import { readFileSync } from 'node:fs';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAuditFile } from '../../../main/ingest/files/read-file.ts';
import { readAll } from './read-all.ts';

const SAMPLES = path.resolve(__dirname, '../../fixtures/samples');
const m365Lines = readFileSync(path.join(SAMPLES, 'm365/microsoft_audit_log.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tk-read-'));
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

function oktaEvent(i: number): Record<string, unknown> {
  return {
    actor: { id: '00u1', type: 'User', alternateId: 'ana@example.com', displayName: 'Ana' },
    eventType: 'user.session.start',
    outcome: { result: 'SUCCESS' },
    published: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    client: { ipAddress: '198.51.100.1' },
  };
}

describe('readAuditFile: NDJSON', () => {
  it('reports a malformed line with its line number and imports the rest (CRLF, blank lines)', async () => {
    const text = [m365Lines[0], m365Lines[1], '{"Id": "broken",', '', m365Lines[2], '[1, 2]', m365Lines[3]].join('\r\n');
    const { events, problems, batches } = await readAll(await file('m365.jsonl', text));
    expect(events.map((e) => e.action)).toEqual(['Install-DefaultSharingPolicy', 'Set-MailboxPlan', 'Set-AdminAuditLogConfig', 'UserLoggedIn']);
    expect(events.map((e) => e.raw)).toEqual(m365Lines);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^Line 3 is not valid JSON/) });
    expect(problems[1]).toEqual({ line: 6, message: 'Line 6 is JSON but not an object.' });
    const last = batches[batches.length - 1];
    expect(last?.bytesRead).toBe(last?.totalBytes);
  });

  it('reports a record the normaliser rejects, naming it, on its line', async () => {
    const bad = JSON.stringify({ ...JSON.parse(m365Lines[3] as string), Id: 'rec-9', CreationTime: 'soon' });
    const { events, problems } = await readAll(await file('m365-bad.jsonl', `${m365Lines[3]}\n${bad}\n`));
    expect(events).toHaveLength(1);
    expect(problems).toEqual([{ line: 2, message: 'Microsoft 365 record rec-9 has an unreadable CreationTime "soon".' }]);
  });

  it('reads gzip by its magic number, whatever the name', async () => {
    const { events } = await readAll(await file('audit.log', gzipSync(m365Lines.join('\n'))));
    expect(events).toHaveLength(4);
  });

  it('keeps what was read before damaged gzip data and reports the damage', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(oktaEvent(i)));
    const gz = gzipSync(lines.join('\n'));
    const { events, problems } = await readAll(await file('truncated.ndjson.gz', gz.subarray(0, Math.floor(gz.length * 0.6))));
    expect(events.length).toBeGreaterThan(100);
    expect(events.length).toBeLessThan(3000);
    expect(problems.at(-1)?.message).toMatch(/compressed data is damaged or truncated after line \d+/);
  });
});

describe('readAuditFile: JSON arrays', () => {
  it('reads a pretty-printed array with each element\'s exact text and its starting line', async () => {
    const elements = [oktaEvent(1), oktaEvent(2)].map((e) => JSON.stringify(e, null, 2));
    const text = `[\n${elements.join(',\n')},\n{"uuid": "x", "published": \n"bad"}, 42\n]\n`;
    const { events, problems } = await readAll(await file('okta.json', text));
    expect(events.map((e) => e.raw)).toEqual(elements);
    expect(events[0]).toMatchObject({ action: 'user.session.start', actorEmail: 'ana@example.com', ts: Date.UTC(2024, 0, 1, 0, 1) });
    const secondLine = 2 + (elements[0] as string).split('\n').length;
    expect(text.split('\n')[secondLine - 1]).toBe('{');
    const badLine = secondLine + (elements[1] as string).split('\n').length;
    expect(problems).toEqual([
      { line: badLine, message: 'Okta event x has an unreadable published time "bad".' },
      { line: badLine + 1, message: `Element 4 of the array (line ${badLine + 1}) is JSON but not an object.` },
    ]);
  });

  it('reads arrays that follow each other and reports text between them', async () => {
    const text = `[${JSON.stringify(oktaEvent(1))}]\nnot json\n[${JSON.stringify(oktaEvent(2))}]\n`;
    const { events, problems } = await readAll(await file('two.json', text));
    expect(events).toHaveLength(2);
    expect(problems).toEqual([{ line: 2, message: 'Line 2 holds "n" where a JSON document starting with "[" was expected; text up to the next "[" was skipped.' }]);
  });

  it('reports a truncated array after importing its complete elements', async () => {
    const text = `[${JSON.stringify(oktaEvent(1))},\n${JSON.stringify(oktaEvent(2)).slice(0, 40)}`;
    const { events, problems } = await readAll(await file('cut.json', text));
    expect(events).toHaveLength(1);
    expect(problems).toEqual([{ line: 2, message: 'The file ends inside the element that starts on line 2 (truncated?).' }]);
  });
});

describe('readAuditFile: CSV', () => {
  it('maps a GitHub export by header names; keeps formula-like cells as text and quoted newlines in a cell', async () => {
    const csv = [
      '@timestamp,_document_id,action,actor,actor_location.country_code,user,user_agent',
      '1718013600123,doc-1,org.add_member,octo-admin,NL,"=HYPERLINK(""http://evil.example"",""click"")",curl/8.5',
      '1718013700123,doc-2,org.remove_member,octo-admin,NL,monalisa,"Mozilla/5.0',
      'second line, with a comma"',
      '1718013800123,doc-3,repo.create,octo-admin,NL,,git/2.45,too,many',
      '1718013900123,doc-4,git.clone,octo-dev,US,,git/2.45',
      '',
    ].join('\n');
    const { events, problems } = await readAll(await file('export-github.csv', csv));
    expect(events.map((e) => e.sourceId)).toEqual(['doc-1', 'doc-2', 'doc-4']);
    expect(events[0]).toMatchObject({
      action: 'org.add_member', ts: 1718013600123, actorName: 'octo-admin', geoCountry: 'NL', category: 'user', activity: 'create',
      targetName: '=HYPERLINK("http://evil.example","click")',
    });
    expect(JSON.parse(events[0]?.raw as string)).toEqual({
      '@timestamp': '1718013600123', _document_id: 'doc-1', action: 'org.add_member', actor: 'octo-admin',
      'actor_location.country_code': 'NL', user: '=HYPERLINK("http://evil.example","click")', user_agent: 'curl/8.5',
    });
    expect(events[1]?.userAgent).toBe('Mozilla/5.0\nsecond line, with a comma');
    expect(problems).toEqual([{ line: 5, message: 'The record has 9 fields but the header has 7.' }]);
  });

  it('reads a Microsoft Purview export through its AuditData column', async () => {
    const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
    const csv = `CreationDate,UserIds,Operations,AuditData\n2022-05-08T15:13:41.0000000Z,piet@sst5f.onmicrosoft.com,UserLoggedIn,${quote(m365Lines[3] as string)}\n`;
    const { events, problems } = await readAll(await file('purview.csv', csv));
    expect(problems).toEqual([]);
    expect(events[0]).toMatchObject({ sourceId: '0a454a7b-fbac-4329-a20c-72bad3bc5000', ts: Date.UTC(2022, 4, 8, 15, 13, 41), action: 'UserLoggedIn' });
    expect(JSON.parse(events[0]?.raw as string)).toMatchObject({ UserIds: 'piet@sst5f.onmicrosoft.com', AuditData: m365Lines[3] });
  });

  it('reads a CloudTrail console export by its human headers', async () => {
    const csv = 'Event ID,Event time,User name,Event name,Event source,Source IP address,AWS region,Error code\n'
      + 'e-1,2024-02-01T08:00:00Z,alice,DeleteTrail,cloudtrail.amazonaws.com,203.0.113.4,eu-west-1,AccessDenied\n';
    const { events } = await readAll(await file('event_history.csv', csv));
    expect(events[0]).toMatchObject({ sourceId: 'e-1', action: 'DeleteTrail', category: 'audit', activity: 'delete', outcome: 'failure', actorName: 'alice', ip: '203.0.113.4' });
  });
});

describe('readAuditFile: formats it refuses', () => {
  it('rejects a file in no known format with a clear message', async () => {
    await expect(readAll(await file('notes.txt', 'hello world\nthis is not an audit log\n'))).rejects.toThrow(
      'notes.txt is not a format Trailkeeper can import: it starts with "hello world this is not an audit log". Trailkeeper imports NDJSON, JSON arrays and single JSON objects, CloudTrail {"Records": […]} and lookup-events output, '
      + 'Microsoft Graph {"value": […]} pages, CSV exports and RFC 5424 syslog, plain or gzip-compressed, in UTF-8 or UTF-16.',
    );
    await expect(readAll(await file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])))).rejects.toThrow(/image\.png is not a text file/);
    await expect(readAll(await file('config.json', '{\n  "setting": true\n}\n'))).rejects.toThrow(/Cannot tell which source wrote config\.json/);
  });

  it('asks for the source when it cannot tell, and refuses a source that does not match', async () => {
    await expect(readAll(await file('mystery.ndjson', '{"a":1}\n'))).rejects.toThrow(/Cannot tell which source wrote mystery\.ndjson/);
    const ct = path.join(SAMPLES, 'cloudtrail/otrf-ec2-proxy-s3-exfiltration.jsonl');
    await expect(readAll(ct, { sourceKind: 'okta' })).rejects.toThrow('otrf-ec2-proxy-s3-exfiltration.jsonl holds cloudtrail records, not okta.');
    await expect(readAll(path.join(SAMPLES, 'syslog/RFC5424.txt'), { sourceKind: 'github' })).rejects.toThrow(/is an RFC 5424 syslog file, not github data/);
  });

  it('reads an empty file as no events', async () => {
    const { events, problems, batches } = await readAll(await file('empty.ndjson', ''));
    expect([events, problems, batches.length]).toEqual([[], [], 1]);
  });
});

describe('readAuditFile: streaming', () => {
  it('yields batches by byte budget while the file is still being read', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => JSON.stringify(oktaEvent(i)));
    const p = await file('big.ndjson', `${lines.join('\n')}\n`);
    const size = (await stat(p)).size;
    expect(size).toBeGreaterThan(8 * 1024 * 1024);
    const { events, batches } = await readAll(p, { batchBytes: 1024 * 1024 });
    expect(events).toHaveLength(40_000);
    expect(new Set(events.map((e) => e.sourceId)).size).toBe(40_000);
    expect(batches.length).toBeGreaterThanOrEqual(8);
    expect(batches[0]?.bytesRead).toBeLessThan(size);
    for (const b of batches.slice(0, -1)) {
      const bytes = b.events.reduce((n, e) => n + Buffer.byteLength(e.raw) + 1, 0);
      expect(bytes).toBeGreaterThanOrEqual(1024 * 1024);
      expect(bytes).toBeLessThan(1024 * 1024 + 2000);
    }
    const progress = batches.map((b) => b.bytesRead);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(batches.at(-1)).toMatchObject({ bytesRead: size, totalBytes: size });
  });

  it('stops when the signal aborts', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(oktaEvent(i)));
    const p = await file('abort.ndjson', lines.join('\n'));
    const controller = new AbortController();
    let seen = 0;
    const run = async (): Promise<void> => {
      for await (const b of readAuditFile(p, { batchBytes: 256 * 1024, signal: controller.signal })) {
        seen += b.events.length;
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(20_000);
    await expect(readAll(p, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
