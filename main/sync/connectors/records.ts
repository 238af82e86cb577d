/**
 * Turns one page of source records into normalised events. Each record's raw text is its JSON
 * as received (re-serialised from the parsed page, which keeps key order and values). A record
 * without the source's own id gets one derived from its raw bytes (sha256), counted in
 * derivedIds; a record the normaliser cannot read becomes a problem, never a silent drop.
 */
import type { NormalizedEvent } from '../../domain/event.ts';
import type { PulledBatch, SyncCheckpoint } from '../connector.ts';
import type { JsonClient } from './http-json.ts';
import { derivedSourceId } from '../../ingest/sources/derived-id.ts';
import type { Normalizer } from '../../ingest/sources/index.ts';

export interface NormalizedPage {
  events: NormalizedEvent[];
  problems: { position: string; message: string }[];
  derivedIds: number;
  /** Newest event time on the page, or null when it had none. */
  newest: number | null;
}

/**
 * `idField` names the source's own id; when a record lacks it, the normaliser sees the record
 * with a derived id in that field while `raw` stays exactly as received.
 */
export function normalizePage(records: readonly unknown[], normalize: Normalizer, idField: string, where: string): NormalizedPage {
  const page: NormalizedPage = { events: [], problems: [], derivedIds: 0, newest: null };
  records.forEach((record, i) => {
    const raw = JSON.stringify(record) ?? 'null';
    let obj = record;
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
      const own = (record as Record<string, unknown>)[idField];
      if (own === undefined || own === null || own === '') {
        obj = { ...record, [idField]: derivedSourceId(raw) };
        page.derivedIds++;
      }
    }
    try {
      const event = normalize(raw, obj);
      page.events.push(event);
      if (page.newest === null || event.ts > page.newest) page.newest = event.ts;
    } catch (err) {
      page.problems.push({ position: `${where}, record ${i + 1}`, message: err instanceof Error ? err.message : String(err) });
    }
  });
  return page;
}

export function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * A normalised page as the batch a pull yields: its events with the checkpoint that is true once
 * they are committed (docs/design.md §5), and its problems and derived ids when it has any.
 */
export function pageBatch(page: NormalizedPage, checkpoint: SyncCheckpoint): PulledBatch {
  return {
    events: page.events,
    checkpoint,
    ...(page.problems.length > 0 ? { problems: page.problems } : {}),
    ...(page.derivedIds > 0 ? { derivedIds: page.derivedIds } : {}),
  };
}

/** What a paged pull (link-pages.ts, portal-feed.ts) is handed by its connector. */
export interface PagedRun {
  client: JsonClient;
  headers: Record<string, string>;
  /** The first page's URL for a run that starts at `start` (UTC ms). */
  firstUrl: (start: number) => string;
  checkpoint: SyncCheckpoint | null;
  since: number;
  overlapMs: number;
  /** How problems name a page: `${where} page n`. */
  where: string;
}

/** Where a run starts reading: `since` on the first run, else the overlap window behind the high-water mark. */
export function runStart(highWater: number | null, since: number, overlapMs: number): number {
  return highWater === null ? since : Math.max(0, highWater - overlapMs);
}
