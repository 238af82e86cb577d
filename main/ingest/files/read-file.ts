/**
 * Streams an audit file as batches of normalised events. Formats: NDJSON, JSON arrays, single
 * or concatenated JSON objects, arrays under a key (CloudTrail {"Records": […]}, lookup-events
 * {"Events": […]}, Graph {"value": […]}, portal {"data": […]}), CSV, RFC 5424 syslog; each plain
 * or gzip, UTF-8 or UTF-16. Every format is read a chunk at a time (never the whole file); a
 * malformed record becomes a problem with its line number and the rest of the file still
 * imports. A file in no known format throws.
 *
 * Limits, each refusing one record and keeping the rest: a line or JSON element over 64 MiB, a
 * CSV quoted field spanning more than 1 MiB of lines (records-csv.ts), nesting deeper than 256
 * levels (depth.ts), bytes that are not valid UTF-8 (utf8.ts).
 */
import { basename } from 'node:path';
import type { NormalizedEvent } from '../../domain/event.ts';
import { normalizerFor, type SourceKind } from '../sources/index.ts';
import { detectFile, type Detection } from './detect.ts';
import { nestsDeeperThan, tooDeep } from './depth.ts';
import { openInput } from './input.ts';
import { unwrapLookupEvent } from './lookup-events.ts';
import { errorText, isProblem, recordLabel, type Piece, type RecordPiece } from './pieces.ts';
import { csvPieces } from './records-csv.ts';
import { jsonArrayPieces, ndjsonPieces } from './records-json.ts';
import { octetCountedPieces, syslogPieces } from './records-syslog.ts';

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportBatch {
  events: NormalizedEvent[];
  problems: ImportProblem[];
  /** File bytes consumed so far (compressed bytes for .gz) and the file's size, for progress. */
  bytesRead: number;
  totalBytes: number;
}

export interface ReadAuditFileOptions {
  /** The source that wrote the file; detected from the content when omitted. */
  sourceKind?: SourceKind;
  /** Raw bytes per batch (default 4 MiB); a batch may run over by one record. */
  batchBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;
/** A file of garbage must not build one huge problem list before the first batch. */
const MAX_PROBLEMS_PER_BATCH = 1000;

export async function* readAuditFile(path: string, opts: ReadAuditFileOptions = {}): AsyncGenerator<ImportBatch> {
  const { signal } = opts;
  const batchBytes = Math.max(1, opts.batchBytes ?? DEFAULT_BATCH_BYTES);
  signal?.throwIfAborted();
  const detected = await detectFile(path);
  const kind = chooseKind(basename(path), detected, opts.sourceKind);
  const input = await openInput(path, detected.gzip, detected.encoding);
  const normalize = normalizerFor(kind);
  const damaged: { error: Error | null } = { error: null };
  const pieces = piecesOf(detected, kind, stopOnDamage(input.chunks, damaged));

  let events: NormalizedEvent[] = [];
  let problems: ImportProblem[] = [];
  let bytes = 0;
  let lastLine = 0;
  const take = (): ImportBatch => {
    const batch = { events, problems, bytesRead: input.bytesRead(), totalBytes: input.totalBytes };
    events = [];
    problems = [];
    bytes = 0;
    return batch;
  };

  const prepare = (piece: RecordPiece): Piece => {
    const record = kind === 'cloudtrail' ? unwrapLookupEvent(piece) : piece;
    if (isProblem(record) || kind === 'syslog' || !nestsDeeperThan(record.raw)) return record;
    return { line: record.line, problem: tooDeep(recordLabel(record)) };
  };

  for await (const group of pieces) {
    signal?.throwIfAborted();
    for (const found of group) {
      lastLine = Math.max(lastLine, found.line);
      const piece = isProblem(found) ? found : prepare(found);
      if (isProblem(piece)) problems.push({ line: piece.line, message: piece.problem });
      else {
        try {
          const event = normalize(piece.raw, piece.obj);
          // A Trailkeeper export carries the original raw text inside the record: check it too.
          if (event.raw !== piece.raw && nestsDeeperThan(event.raw)) problems.push({ line: piece.line, message: tooDeep(recordLabel(piece)) });
          else events.push(event);
        } catch (err) {
          problems.push({ line: piece.line, message: errorText(err) });
        }
        bytes += piece.bytes;
      }
      if (bytes >= batchBytes || problems.length >= MAX_PROBLEMS_PER_BATCH) yield take();
    }
  }
  signal?.throwIfAborted();
  if (damaged.error !== null) {
    problems.push({
      line: lastLine + 1,
      message: `The compressed data is damaged or truncated after line ${lastLine} (${damaged.error.message}); the rest of the file could not be read.`,
    });
  }
  const last = take();
  last.bytesRead = input.totalBytes;
  yield last;
}

function chooseKind(name: string, detected: Detection, requested: SourceKind | undefined): SourceKind {
  const isSyslog = detected.format === 'syslog' || detected.format === 'syslog-octet-counted';
  if (isSyslog) {
    if (requested !== undefined && requested !== 'syslog') {
      throw new Error(`${name} is an RFC 5424 syslog file, not ${requested} data.`);
    }
    return 'syslog';
  }
  if (requested === 'syslog' && detected.format !== 'empty') throw new Error(`${name} is not an RFC 5424 syslog file.`);
  // Trailkeeper's own export can hold any source's events: it is read as what it is.
  if (detected.sourceKind === 'generic') return 'generic';
  if (requested !== undefined && detected.sourceKind !== null && detected.sourceKind !== requested) {
    throw new Error(`${name} holds ${detected.sourceKind} records, not ${requested}.`);
  }
  const kind = requested ?? detected.sourceKind;
  if (kind === null) {
    if (detected.format === 'empty') return 'generic';
    throw new Error(`Cannot tell which source wrote ${name} (Okta, GitHub, CloudTrail, Microsoft 365, Entra ID, an identity portal or a Trailkeeper export); choose the source kind when importing.`);
  }
  return kind;
}

function piecesOf(detected: Detection, kind: SourceKind, chunks: AsyncIterable<Buffer>): AsyncIterable<Piece[]> {
  switch (detected.format) {
    case 'ndjson':
    case 'empty':
      return ndjsonPieces(chunks, kind === 'cloudtrail');
    case 'json-array':
      return jsonArrayPieces(chunks, 'array');
    case 'json-keyed':
      return jsonArrayPieces(chunks, { key: detected.arrayKey ?? 'Records' });
    case 'json-documents':
      return jsonArrayPieces(chunks, 'documents');
    case 'csv':
      return csvPieces(chunks, kind);
    case 'syslog':
      return syslogPieces(chunks);
    case 'syslog-octet-counted':
      return octetCountedPieces(chunks);
  }
}

/** Ends the chunk stream at damaged gzip data, keeping what was read before it. */
async function* stopOnDamage(chunks: AsyncIterable<Buffer>, damaged: { error: Error | null }): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of chunks) yield chunk;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) damaged.error = err as Error;
    else throw err;
  }
}
