/**
 * Regression tests for the importer faults of issue 7 (items 2, 4, 5, 15), each on a file
 * generated in a temporary folder: a stray CSV quote, oversized and over-deep JSON elements,
 * leading blank lines, UTF-16 files and invalid UTF-8; and two CSV faults found later: stray
 * quotes far apart that merged the records between them, and a long quoted span that overflowed the stack.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECORD_DEPTH } from '../../../main/ingest/files/depth.ts';
import { MAX_LINE_BYTES } from '../../../main/ingest/files/lines.ts';
import { MAX_QUOTED_SPAN_BYTES } from '../../../main/ingest/files/records-csv.ts';
import { readAll } from './read-all.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tk-harden-'));
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

function oktaEvent(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    published: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    eventType: 'user.session.start',
    actor: { id: '00u1', type: 'User', alternateId: 'ana@example.com' },
    outcome: { result: 'SUCCESS' },
    ...extra,
  };
}

const CSV_HEADER = '@timestamp,_document_id,action,actor,user_agent';
const csvRow = (i: number): string => `${1718013600000 + i},doc-${i},repo.create,octo-admin,curl/8.5`;

/** A value nested `levels` deep counting the record itself: {"n":{"n":…{}}}. */
function nested(levels: number): string {
  return `${'{"n":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
}

describe('CSV: a stray quote loses only its own line (issue 7, item 2)', () => {
  it('reads the 99,999 good rows of a 100,000-row file whose line 12 opens a quote it never closes', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => csvRow(i));
    rows[10] = `${1718013600000 + 10},doc-10,repo.create,octo-admin,"curl/8.5`;
    const { events, problems } = await readAll(await file('stray-quote.csv', `${CSV_HEADER}\n${rows.join('\n')}\n`));
    expect(problems).toEqual([{
      line: 12,
      message: 'Line 12 opens a quoted field that is not closed within 1 MiB; the line was skipped and the lines after it were read as records.',
    }]);
    expect(events).toHaveLength(99_999);
    expect(events.some((e) => e.sourceId === 'doc-10')).toBe(false);
    expect(events.at(-1)?.sourceId).toBe('doc-99999');
  });

  it('re-reads the lines after an unclosed quote at the end of the file', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => csvRow(i));
    rows[3] = `${1718013600000 + 3},doc-3,repo.create,"octo-admin,curl/8.5`;
    const { events, problems } = await readAll(await file('stray-at-end.csv', `${CSV_HEADER}\n${rows.join('\n')}\n`));
    expect(problems).toEqual([{
      line: 5,
      message: 'Line 5 opens a quoted field that is not closed before the end of the file; the line was skipped and the lines after it were read as records.',
    }]);
    expect(events.map((e) => e.sourceId)).toEqual(rows.map((_, i) => `doc-${i}`).filter((id) => id !== 'doc-3'));
  });

  it('keeps the rows between two stray quotes that close each other', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => csvRow(i));
    rows[10] = `${1718013600000 + 10},doc-10,repo.create,"octo-admin,curl/8.5`;
    rows[40] = `${1718013600000 + 40},doc-40,repo.create,octo-admin,curl/8.5 "x`;
    rows[60] = `${1718013600000 + 60},doc-60,repo.create,octo-admin,"curl/8.5`;
    const { events, problems } = await readAll(await file('two-strays.csv', `${CSV_HEADER}\n${rows.join('\n')}\n`));
    expect(problems.map((p) => p.line)).toEqual([12, 62]);
    expect(problems[0]?.message).toMatch(/^Line 12 opens a quoted field .* the line was skipped/);
    expect(events).toHaveLength(98);
    expect(events.find((e) => e.sourceId === 'doc-40')?.userAgent).toBe('curl/8.5 "x');
  });

  it('still reads a legitimate quoted cell that spans lines, up to the documented bound', async () => {
    expect(MAX_QUOTED_SPAN_BYTES).toBe(1024 * 1024);
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n');
    const csv = `${CSV_HEADER}\n${csvRow(1)}\n${1718013600002},doc-2,repo.create,octo-admin,"${long}"\n${csvRow(3)}\n`;
    const { events, problems } = await readAll(await file('long-cell.csv', csv));
    expect(problems).toEqual([]);
    expect(events.map((e) => e.sourceId)).toEqual(['doc-1', 'doc-2', 'doc-3']);
    expect(events[1]?.userAgent).toBe(long);
  });

  it('still reads a multi-line cell whose continuation lines hold commas but not a whole record', async () => {
    const message = 'first line\nsecond, with a comma\nthird, with, two\n\nlast';
    const csv = `${CSV_HEADER}\n${csvRow(1)}\n${1718013600002},doc-2,repo.create,octo-admin,"${message}"\n${csvRow(3)}\n`;
    const { events, problems } = await readAll(await file('comma-cell.csv', csv));
    expect(problems).toEqual([]);
    expect(events.map((e) => e.sourceId)).toEqual(['doc-1', 'doc-2', 'doc-3']);
    expect(events[1]?.userAgent).toBe(message);
  });
});

describe('CSV: two stray quotes far apart do not merge the records between them', () => {
  const GENERIC_HEADER = 'ts,action,actor,source_id';
  const genericRow = (i: number, id = `c${i}`): string =>
    `${new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()},login,ana,${id}`;

  it('reports the line of "k5 closed by k7" two lines later and keeps k6 and k7 as records', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => genericRow(i, `k${i}`));
    rows[5] = genericRow(5, '"k5');
    rows[7] = genericRow(7, 'k7"');
    const { events, problems } = await readAll(await file('k5-k7.csv', `${GENERIC_HEADER}\n${rows.join('\n')}\n`));
    expect(problems).toEqual([{
      line: 7,
      message: 'Line 7 opens a quoted field that swallows 1 line that reads as a record of its own; the line was skipped and the lines after it were read as records.',
    }]);
    expect(events.map((e) => e.sourceId)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k6', 'k7"', 'k8', 'k9']);
  });

  it('keeps the 5,000 records between "c7000 and a lone quote line 5,000 lines later', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => genericRow(i));
    rows[7000] = genericRow(7000, '"c7000');
    rows[12_000 - 1] = '"';
    const tail = Array.from({ length: 10 }, (_, i) => genericRow(20_000 + i));
    const csv = `${GENERIC_HEADER}\n${rows.join('\n')}\n${tail.join('\n')}\n`;
    const { events, problems } = await readAll(await file('c7000.csv', csv));
    expect(problems[0]).toEqual({
      line: 7002,
      message: 'Line 7002 opens a quoted field that swallows 4998 lines that each read as a record of their own; the line was skipped and the lines after it were read as records.',
    });
    // The lone quote line is no record either: it is reported on its own line, and the rows after it are kept.
    expect(problems.map((p) => p.line)).toEqual([7002, 12_001]);
    expect(events).toHaveLength(12_000 - 2 + 10);
    expect(events.some((e) => e.sourceId.length > 100)).toBe(false);
    expect(events.map((e) => e.sourceId).slice(7000, 7002)).toEqual(['c7001', 'c7002']);
    expect(events.at(-1)?.sourceId).toBe('c20009');
  });

  it('reads the 100 good rows before a quote held open by 600,000 one-character lines', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => csvRow(i));
    const csv = `${CSV_HEADER}\n${rows.join('\n')}\n${csvRow(100).replace('curl/8.5', '"curl/8.5')}\n${'x\n'.repeat(600_000)}`;
    const { events, problems } = await readAll(await file('long-span.csv', csv));
    expect(events.filter((e) => e.sourceId.startsWith('doc-')).map((e) => e.sourceId)).toEqual(rows.map((_, i) => `doc-${i}`));
    expect(problems[0]?.line).toBe(102);
    expect(problems[0]?.message).toMatch(/^Line 102 opens a quoted field that is not closed within 1 MiB;/);
  });
});

describe('JSON: per-element size bound (issue 7, item 5)', () => {
  const huge = (i: number): string => JSON.stringify(oktaEvent(i, { padding: 'x'.repeat(MAX_LINE_BYTES) }));

  it('skips an array element over the NDJSON line bound, names its position and keeps the rest', async () => {
    const text = `[\n${JSON.stringify(oktaEvent(1))},\n${huge(2)},\n${JSON.stringify(oktaEvent(3))}\n]\n`;
    const { events, problems } = await readAll(await file('huge-element.json', text));
    expect(events.map((e) => e.sourceId)).toEqual([oktaEvent(1).uuid, oktaEvent(3).uuid]);
    expect(problems).toEqual([{ line: 3, message: 'Element 2 of the array (line 3) is larger than 64 MiB and was skipped.' }]);
  });

  it('does the same inside CloudTrail {"Records": […]}', async () => {
    const ct = (id: string, extra: Record<string, unknown> = {}): string => JSON.stringify({
      eventID: id, eventTime: '2024-01-01T00:00:00Z', eventName: 'GetObject', eventSource: 's3.amazonaws.com', ...extra,
    });
    const text = `{"Records": [${ct('a')},\n${ct('b', { pad: 'y'.repeat(MAX_LINE_BYTES) })},\n${ct('c')}]}`;
    const { events, problems } = await readAll(await file('huge-record.json', text));
    expect(events.map((e) => e.sourceId)).toEqual(['a', 'c']);
    expect(problems).toEqual([{ line: 2, message: 'Element 2 of the "Records" array (line 2) is larger than 64 MiB and was skipped.' }]);
  });
});

describe('JSON: a long string beside the records array is not held as a key', () => {
  it('reads {"note": <2 MiB string>, "Records": […]}', async () => {
    const record = JSON.stringify({ eventID: 'k', eventTime: '2024-01-01T00:00:00Z', eventName: 'GetObject', eventSource: 's3.amazonaws.com' });
    const text = `{"Records_": "${'z'.repeat(2 * 1024 * 1024)}", "Records": [${record}]}`;
    const { events, problems } = await readAll(await file('long-key.json', text), { sourceKind: 'cloudtrail' });
    expect([events.map((e) => e.sourceId), problems]).toEqual([['k'], []]);
  });
});

describe('JSON: nesting depth limit at import (issue 7, item 4)', () => {
  it('accepts a record nested exactly to the limit and rejects one level more, on its line', async () => {
    expect(MAX_RECORD_DEPTH).toBe(256);
    const ok = JSON.stringify(oktaEvent(1)).replace(/\}$/, `,"deep":${nested(MAX_RECORD_DEPTH - 1)}}`);
    const deep = JSON.stringify(oktaEvent(2)).replace(/\}$/, `,"deep":${nested(MAX_RECORD_DEPTH)}}`);
    const text = [ok, deep, JSON.stringify(oktaEvent(3))].join('\n');
    const { events, problems } = await readAll(await file('deep.ndjson', text));
    expect(events.map((e) => e.sourceId)).toEqual([oktaEvent(1).uuid, oktaEvent(3).uuid]);
    expect(problems).toEqual([{ line: 2, message: 'Line 2 is nested more than 256 levels deep; Trailkeeper does not import records that deep.' }]);
  });

  it('rejects a 100,000-level array element and keeps its neighbours', async () => {
    const deep = JSON.stringify(oktaEvent(2)).replace(/\}$/, `,"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const text = `[${JSON.stringify(oktaEvent(1))},\n${deep},\n${JSON.stringify(oktaEvent(3))}]`;
    const { events, problems } = await readAll(await file('deep.json', text));
    expect(events).toHaveLength(2);
    expect(problems).toEqual([{ line: 2, message: 'Element 2 of the array (line 2) is nested more than 256 levels deep; Trailkeeper does not import records that deep.' }]);
  });
});

describe('text edge cases (issue 7, item 15)', () => {
  it('skips more than 256 KiB of leading blank lines when detecting the format', async () => {
    const blank = '\n'.repeat(300 * 1024);
    const { events, problems } = await readAll(await file('blank-start.ndjson', `${blank}${JSON.stringify(oktaEvent(1))}\n`));
    expect(problems).toEqual([]);
    expect(events).toHaveLength(1);
    const csv = await readAll(await file('blank-start.csv', `${' \r\n'.repeat(100 * 1024)}${CSV_HEADER}\n${csvRow(1)}\n`));
    expect(csv.events.map((e) => e.sourceId)).toEqual(['doc-1']);
  });

  it('reads UTF-16 files (LE and BE with a BOM, LE without) as their decoded text', async () => {
    const lines = [oktaEvent(1, { displayMessage: 'Zoë signed in ✓' }), oktaEvent(2, { displayMessage: 'emoji 🔐' })].map((e) => JSON.stringify(e));
    const text = `${lines.join('\r\n')}\r\n`;
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    const be = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    const bare = Buffer.from(text, 'utf16le');
    for (const [name, bytes] of [['le.json', le], ['be.json', be], ['bare.json', bare]] as const) {
      const { events, problems } = await readAll(await file(name, bytes));
      expect(problems, name).toEqual([]);
      expect(events.map((e) => e.raw), name).toEqual(lines);
    }
    const csv = Buffer.from(`\uFEFF${CSV_HEADER}\r\n${csvRow(1)}\r\n${csvRow(2)}\r\n`, 'utf16le');
    const { events } = await readAll(await file('powershell.csv', csv));
    expect(events.map((e) => e.sourceId)).toEqual(['doc-1', 'doc-2']);
  });

  it('refuses a UTF-16 record holding a lone surrogate instead of storing U+FFFD in its place', async () => {
    const lines = [1, 2, 3].map((i) => JSON.stringify(oktaEvent(i, { note: 'QQ' })));
    const bytes = Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf16le');
    const at = bytes.indexOf(Buffer.from('QQ', 'utf16le'), bytes.indexOf(Buffer.from('\n', 'utf16le')));
    bytes.writeUInt16LE(0xd800, at);
    const { events, problems } = await readAll(await file('lone-surrogate.json', bytes));
    expect(events.map((e) => e.raw)).toEqual([lines[0], lines[2]]);
    expect(problems.map((p) => p.line)).toEqual([2]);
  });

  it('refuses a record whose bytes are not valid UTF-8, with its line, and keeps the rest byte for byte', async () => {
    const good = [JSON.stringify(oktaEvent(1, { note: 'real \uFFFD kept' })), JSON.stringify(oktaEvent(3))];
    const bad = Buffer.from(JSON.stringify(oktaEvent(2, { note: 'ZZ' })));
    bad[bad.indexOf('ZZ')] = 0xff;
    const bytes = Buffer.concat([Buffer.from(`${good[0]}\n`), bad, Buffer.from(`\n${good[1]}\n`)]);
    const { events, problems } = await readAll(await file('latin.ndjson', bytes));
    expect(events.map((e) => e.raw)).toEqual(good);
    expect(problems).toEqual([{ line: 2, message: 'Line 2 is not valid UTF-8 text; it was skipped so that no stored record differs from its source bytes.' }]);

    const array = Buffer.concat([Buffer.from(`[${good[0]},\n`), bad, Buffer.from(`,\n${good[1]}]`)]);
    const fromArray = await readAll(await file('latin.json', array));
    expect(fromArray.events.map((e) => e.raw)).toEqual(good);
    expect(fromArray.problems).toEqual([{ line: 2, message: 'Element 2 of the array (line 2) is not valid UTF-8 text; it was skipped so that no stored record differs from its source bytes.' }]);

    const csvBad = Buffer.from(csvRow(2));
    csvBad[csvBad.indexOf('octo')] = 0xe9;
    const csv = Buffer.concat([Buffer.from(`${CSV_HEADER}\n${csvRow(1)}\n`), csvBad, Buffer.from(`\n${csvRow(3)}\n`)]);
    const fromCsv = await readAll(await file('latin.csv', csv));
    expect(fromCsv.events.map((e) => e.sourceId)).toEqual(['doc-1', 'doc-3']);
    expect(fromCsv.problems).toEqual([{ line: 3, message: 'Line 3 is not valid UTF-8 text; it was skipped so that no stored record differs from its source bytes.' }]);
  });
});
