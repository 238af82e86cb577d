/**
 * The manifest's canonical form is the one docs/export-manifest.md describes: Python's json
 * module, told the documented options, gives the same digest; the formula rule reverses exactly;
 * verify reads large CSV exports back record by record in bounded memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralise, unneutralise } from '../../../main/export/csv.ts';
import { buildManifest, canonicalJson, manifestDigest } from '../../../main/export/manifest.ts';
import { compactUtc, slug } from '../../../main/export/names.ts';
import { exportedRowKeys } from '../../../main/export/verify-manifest.ts';

const manifest = buildManifest({
  appVersion: '1.2.3',
  createdAt: '2025-06-01T12:00:00.000Z',
  exportFormat: 'csv',
  view: { scope: { kind: 'group', group: 'Zoë & Co "EU"' }, range: { from: 0, to: null }, query: 'actor:ünïcode\t"x"', order: 'newest' },
  rows: 3,
  tenants: [{ id: 2, name: '日本 tenant', chainHead: null, eventCount: 3 }],
  files: [{ name: 'a.csv', sha256: 'ab', bytes: 10, rows: 3 }],
});

describe('manifest', () => {
  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: true })).toBe('{"a":true,"b":[1,{"c":"x","d":null}]}');
  });

  it('gives the digest Python computes with the documented options', () => {
    const script = [
      'import hashlib,json,sys',
      'm = json.load(sys.stdin)',
      'del m["manifestSha256"]',
      'print(hashlib.sha256(json.dumps(m, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")).hexdigest())',
    ].join('\n');
    const py = execFileSync('python3', ['-c', script], { input: JSON.stringify(manifest, null, 2) }).toString().trim();
    expect(py).toBe(manifest.manifestSha256);
    expect(manifestDigest({ ...manifest, rows: 4 })).not.toBe(manifest.manifestSha256);
  });
});

describe('CSV formula neutralisation', () => {
  it('prefixes one apostrophe to cells starting with = + - @ tab CR or an apostrophe, and reverses exactly', () => {
    for (const cell of ['=1+2', '+1', '-1', '@x', '\tx', '\rx', "'x", "''", 'plain', '', ' =x', 'a=b']) {
      const written = neutralise(cell);
      expect(written.startsWith("'")).toBe(/^[=+\-@\t\r']/.test(cell));
      expect(unneutralise(written)).toBe(cell);
    }
  });
});

describe('default names', () => {
  it('are short slugs and a compact UTC time', () => {
    expect(slug('Acme Corp (EU) — Zoë')).toBe('acme-corp-eu-zoe');
    expect(slug('***')).toBe('export');
    expect(compactUtc(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)))).toBe('20250102T030405Z');
  });
});

describe('reading an export back for verify', () => {
  it('finds every CSV record of a multi-megabyte file whose quoted cells hold line breaks and multi-byte text across read chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-csv-chunks-'));
    try {
      const rows = Array.from({ length: 6000 }, (_, i) => [String(i + 1), `${'é'.repeat(i % 7)}"quoted"\r\nline ${'x'.repeat(400)}\n${i}`, 'a'.repeat(64)]);
      const path = join(dir, 'big.csv');
      writeFileSync(path, `${Papa.unparse({ fields: ['id', 'raw', 'raw_sha256'], data: rows }, { newline: '\r\n' })}\r\n`);
      const keys = [...exportedRowKeys(path, 'csv')];
      expect(keys).toHaveLength(6000);
      expect(keys.map((k) => k.id)).toEqual(rows.map((r) => Number(r[0])));
      expect(keys.every((k) => k.rawSha256 === 'a'.repeat(64))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
