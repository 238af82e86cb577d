/**
 * A rule run's findings as CSV (RFC 4180, cells neutralised as the event CSV does: csv.ts) or
 * NDJSON. Each finding keeps the rule's id, version and author (the Detection Rule License asks
 * that a finding shows its author), the tenant, the time span, the events and, for a correlation,
 * its group and measure. Times are UTC ISO-8601 with `Z`.
 */
import Papa from 'papaparse';
import { neutralise } from './csv.ts';
import type { Finding } from '../rules/run.ts';
import { isoUtc, type FormatWriter } from './export-row.ts';

/** A finding as the rule engine made it, with its stored id, its run and its tenant's name. */
export type FindingExportRow = Finding & { id: number; runId: number; tenantName: string };

export const FINDINGS_CSV_COLUMNS = [
  'finding_id', 'run_id', 'rule_id', 'rule_version', 'title', 'level', 'author',
  'tenant_id', 'tenant', 'ts', 'ts_end', 'event_ids', 'group', 'measure',
] as const;

/** Event ids space-separated; the group as JSON; an absent group or measure as an empty cell. */
function cells(f: FindingExportRow): string[] {
  return [
    String(f.id), String(f.runId), f.ruleId, f.ruleVersion, f.title, f.level, f.author,
    String(f.tenantId), f.tenantName, isoUtc(f.ts), isoUtc(f.tsEnd), f.eventIds.join(' '),
    f.group === null ? '' : JSON.stringify(f.group), f.measure === null ? '' : String(f.measure),
  ].map(neutralise);
}

const UNPARSE = { header: false, newline: '\r\n', escapeFormulae: false, quotes: false } as const;

export function findingsCsvWriter(): FormatWriter<FindingExportRow> {
  return {
    extension: 'csv',
    head: () => `${Papa.unparse([[...FINDINGS_CSV_COLUMNS]], UNPARSE)}\r\n`,
    rows: (rows) => (rows.length ? `${Papa.unparse(rows.map(cells), UNPARSE)}\r\n` : ''),
    tail: () => '',
  };
}

export function findingObject(f: FindingExportRow): Record<string, unknown> {
  return {
    id: f.id, runId: f.runId, ruleId: f.ruleId, ruleVersion: f.ruleVersion, title: f.title, level: f.level, author: f.author,
    tenantId: f.tenantId, tenant: f.tenantName, ts: isoUtc(f.ts), tsEnd: isoUtc(f.tsEnd), eventIds: f.eventIds, group: f.group, measure: f.measure,
  };
}

export function findingsNdjsonWriter(): FormatWriter<FindingExportRow> {
  return {
    extension: 'ndjson',
    head: () => '',
    rows: (rows) => rows.map((f) => `${JSON.stringify(findingObject(f))}\n`).join(''),
    tail: () => '',
  };
}

export function findingsWriterFor(format: 'csv' | 'ndjson'): FormatWriter<FindingExportRow> {
  return format === 'csv' ? findingsCsvWriter() : findingsNdjsonWriter();
}
