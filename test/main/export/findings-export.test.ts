/**
 * A rule run's findings exported as CSV (read back with papaparse, formula prefixes undone by the
 * documented rule) and NDJSON (JSON.parse) give back exactly what findings.list holds, with the
 * rule's id, version and author; each export sits in the history with a manifest that
 * exports.verify checks. "Export the findings' events" writes exactly the events behind them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord, Finding } from '../../../common/contract.ts';
import { unneutralise } from '../../../main/export/csv.ts';
import { FINDINGS_CSV_COLUMNS } from '../../../main/export/findings-writers.ts';
import { manifestDigest } from '../../../main/export/manifest.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';
import { ALL, openRuleWorkspace, writePack, type RuleWorkspace } from '../rules/rule-run-fixture.ts';

let ws: RuleWorkspace;
let runId: number;
let findings: (Finding & { id: number })[];

beforeAll(async () => {
  const dir = tempDir();
  ws = await openRuleWorkspace(dir, writePack(join(dir, 'pack')));
  const run = await ws.rules['rules.run']({ view: ALL }, {});
  runId = run.runId!;
  findings = (await ws.rules['findings.list']({ runId }, {})).findings as (Finding & { id: number })[];
}, 120_000);

afterAll(async () => {
  await ws.store.close();
  removeTempDirs();
});

async function settle(started: ExportRecord): Promise<ExportRecord> {
  await ws.exports.settled(started.id);
  return (await ws.exports['exports.list']({ limit: 1, id: started.id }, {})).exports[0]!;
}

function expectedRecord(f: Finding & { id: number }) {
  return {
    id: f.id, runId, ruleId: f.ruleId, ruleVersion: f.ruleVersion, title: f.title, level: f.level, author: f.author,
    tenantId: f.tenantId, tenant: 'Acme Corp', ts: new Date(f.ts).toISOString(), tsEnd: new Date(f.tsEnd).toISOString(),
    eventIds: f.eventIds, group: f.group, measure: f.measure,
  };
}

describe('findings export', () => {
  it('has detection and correlation findings to export', () => {
    expect(findings.some((f) => f.group === null)).toBe(true);
    expect(findings.some((f) => f.group !== null && f.measure !== null)).toBe(true);
  });

  it('CSV reads back with papaparse to the findings, cells neutralised, and verifies', async () => {
    const rec = await settle(await ws.exports['findings.export']({ format: 'csv' }, {}));
    expect(rec).toMatchObject({ status: 'ok', format: 'findings-csv', rows: findings.length });
    expect(rec.name).toMatch(new RegExp(`^trailkeeper-findings-run-${runId}-\\d{8}T\\d{6}Z\\.csv$`));
    const text = readFileSync(rec.path, 'utf8');
    // The title and author begin with = and @: a spreadsheet must not run them.
    expect(text).toContain("'=Session started");
    expect(text).toContain(`"'@analyst, 'quoted"`);
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true, newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...FINDINGS_CSV_COLUMNS]);
    const back = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, unneutralise(r[i]!)])));
    expect(back).toEqual(findings.map((f) => {
      const e = expectedRecord(f);
      return {
        finding_id: String(e.id), run_id: String(runId), rule_id: e.ruleId, rule_version: e.ruleVersion, title: e.title, level: e.level,
        author: e.author, tenant_id: String(e.tenantId), tenant: e.tenant, ts: e.ts, ts_end: e.tsEnd, event_ids: e.eventIds.join(' '),
        group: e.group === null ? '' : JSON.stringify(e.group), measure: e.measure === null ? '' : String(e.measure),
      };
    }));
    expect(back.find((r) => r['rule_id'] === '5e551011-0000-4000-8000-000000000001')).toMatchObject({ rule_version: '2026-12-05', author: "@analyst, 'quoted" });

    const manifest = JSON.parse(readFileSync(rec.manifestPath!, 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ exportFormat: 'findings-csv', rows: findings.length, view: { findingsRunId: runId, ruleRunView: ALL } });
    expect(manifest['manifestSha256']).toBe(manifestDigest(manifest));
    expect(await ws.exports['exports.verify']({ id: rec.id, checkWorkspace: true }, {})).toMatchObject({ ok: true, filesChecked: 1, eventsChecked: 0 });
  });

  it('NDJSON reads back with JSON.parse to the findings, and verifies', async () => {
    const rec = await settle(await ws.exports['findings.export']({ runId, format: 'ndjson' }, {}));
    expect(rec).toMatchObject({ status: 'ok', format: 'findings-ndjson', rows: findings.length });
    const lines = readFileSync(rec.path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(findings.map(expectedRecord));
    expect(await ws.exports['exports.verify']({ id: rec.id, checkWorkspace: true }, {})).toMatchObject({ ok: true, filesChecked: 1 });
  });

  it('a changed findings file fails verify; an unknown run is named', async () => {
    const rec = await settle(await ws.exports['findings.export']({ format: 'ndjson' }, {}));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(rec.path, readFileSync(rec.path, 'utf8').replace('"level":"low"', '"level":"lowx"'));
    expect(await ws.exports['exports.verify']({ id: rec.id, checkWorkspace: true }, {})).toMatchObject({ ok: false, firstMismatch: { kind: 'file' } });
    await expect(ws.exports['findings.export']({ runId: 999_999, format: 'csv' }, {})).rejects.toMatchObject({ code: 'not_found' });
  });

  it("exports the findings' events, exactly those, in an event format that verifies against the workspace", async () => {
    const ids = [...new Set(findings.flatMap((f) => f.eventIds))].sort((a, b) => a - b);
    const rec = await settle(await ws.exports['exports.start']({ view: ALL, order: 'oldest', format: 'ndjson', fields: false, findingsRunId: runId }, {}));
    expect(rec).toMatchObject({ status: 'ok', format: 'ndjson', rows: ids.length, view: expect.objectContaining({ findingsRunId: runId }) });
    const got = readFileSync(rec.path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id).sort((a, b) => a - b);
    expect(got).toEqual(ids);
    expect(await ws.exports['exports.verify']({ id: rec.id, checkWorkspace: true }, {})).toMatchObject({ ok: true, eventsChecked: ids.length });
  });

  it('runs a findings export again from the history', async () => {
    const [original] = (await ws.exports['exports.list']({ limit: 100 }, {})).exports.filter((e) => e.format === 'findings-csv');
    const again = await settle(await ws.exports['exports.rerun']({ id: original!.id }, {}));
    expect(again).toMatchObject({ status: 'ok', format: 'findings-csv', rows: findings.length });
    expect(again.sha256).toBe(original!.sha256);
  });
});
