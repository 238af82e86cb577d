/**
 * One event as an export reads it: the row the viewer shows plus the raw text exactly as received
 * and its stored sha256. Every format writer turns these into bytes; nothing else is read.
 */
import type { EventRow } from '../../common/contract.ts';

export type ExportRow = EventRow & { raw: string; rawSha256: string };

/** UTC ISO-8601 with the zone as `Z` (the contract limits times to the years 1 to 9999). */
export function isoUtc(ts: number): string {
  return new Date(ts).toISOString();
}

/**
 * A format writer: `head` once, `rows` for each page in order, `tail` once. Each returns the text
 * to append, so the caller streams pages to disk in bounded memory and hashes as it writes.
 */
export interface FormatWriter<Row = ExportRow> {
  /** File extension without the dot. */
  readonly extension: string;
  head(): string;
  rows(rows: readonly Row[], first: boolean): string;
  tail(): string;
}
