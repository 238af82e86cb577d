/**
 * CSV reader (RFC 4180, papaparse for the cells). Records are assembled from lines by following
 * quoted fields, so a quoted cell may span lines and every record still knows the line it starts
 * on; papaparse then splits each record into cells. The first line is the header. A stray quote
 * costs only its own line: a quote left open for MAX_QUOTED_SPAN_BYTES, or to the end of the
 * file, or closed by another stray quote into a record that is not valid CSV or whose inner lines
 * each read as a record of their own, is reported on the line that opened it, and the lines it
 * swallowed are read again as records.
 */
import Papa from 'papaparse';
import type { SourceKind } from '../sources/index.ts';
import { csvMapping, rowToRecord, type CsvMapping } from './csv-columns.ts';
import { LineSplitter, type Line } from './lines.ts';
import { errorText, overlongLine, type Piece } from './pieces.ts';
import { isWellFormedText, notUtf8 } from './utf8.ts';

/**
 * How many bytes a record may span once a quoted field carries it past its first line (1 MiB).
 * Real multi-line cells (a user agent, a Purview AuditData blob) are far smaller; past this the
 * opening quote is taken to be a stray one.
 */
export const MAX_QUOTED_SPAN_BYTES = 1024 * 1024;
const QUOTE = 0x22;

/**
 * Whether a quoted field is still open at the end of `text`. A quote opens a field only at the
 * start of a field (RFC 4180), so a stray quote inside an unquoted cell does not swallow lines.
 */
function endsInsideQuotes(text: string, delimiter: number, inside: boolean): boolean {
  let fieldStart = !inside;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inside) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inside = false;
      }
    } else if (c === QUOTE && fieldStart) {
      inside = true;
      fieldStart = false;
    } else fieldStart = c === delimiter;
  }
  return inside;
}

type Assembled = { text: string; line: number; bytes: number } | { line: number; problem: string };

/** Why the quote a line opens is taken to be a stray one. */
type StrayReason = { kind: 'limit' } | { kind: 'end' } | { kind: 'broken'; lastLine: number } | { kind: 'records'; count: number };

function strayQuote(line: number, why: StrayReason): { line: number; problem: string } {
  const scope = why.kind === 'limit' ? 'is not closed within 1 MiB'
    : why.kind === 'end' ? 'is not closed before the end of the file'
      : why.kind === 'broken' ? `runs to line ${why.lastLine} and leaves a record that is not valid CSV`
        : why.count === 1 ? 'swallows 1 line that reads as a record of its own'
          : `swallows ${why.count} lines that each read as a record of their own`;
  return { line, problem: `Line ${line} opens a quoted field that ${scope}; the line was skipped and the lines after it were read as records.` };
}

/**
 * Joins lines into records by following quoted fields. When a quote is still open after
 * MAX_QUOTED_SPAN_BYTES or at the end of the file, or when the lines it joined do not make a
 * valid record (two stray quotes closing each other), or when every line strictly inside the span
 * reads on its own as a full record (a stray quote closed by another stray quote far below: valid
 * CSV, but a real multi-line cell's continuation lines do not look like whole records), only the
 * line that opened it is reported: the lines it swallowed are fed through again as ordinary records.
 */
class RecordAssembler {
  private held: Line[] = [];
  private inside = false;
  private bytes = 0;
  private readonly delimiter: number;
  private readonly isValidRecord: (text: string) => boolean;
  private readonly isWholeRecord: (text: string) => boolean;

  /**
   * `isValidRecord` judges a record that spans lines; a single line is never re-read.
   * `isWholeRecord` says whether one inner line of such a span reads as a full record by itself.
   */
  constructor(delimiter: string, isValidRecord: (text: string) => boolean, isWholeRecord: (text: string) => boolean) {
    this.delimiter = delimiter.charCodeAt(0);
    this.isValidRecord = isValidRecord;
    this.isWholeRecord = isWholeRecord;
  }

  /** Adds a line; returns the records (and stray-quote problems) it completes. */
  push(line: Line): Assembled[] {
    const out: Assembled[] = [];
    this.feed(line, out);
    return out;
  }

  /** What is still held at the end of the file: re-read after reporting the stray quote. */
  end(): Assembled[] {
    const out: Assembled[] = [];
    while (this.held.length > 0) this.release({ kind: 'end' }, out);
    return out;
  }

  private feed(line: Line, out: Assembled[]): void {
    this.held.push(line);
    this.bytes += line.bytes;
    this.inside = endsInsideQuotes(line.text, this.delimiter, this.inside);
    if (this.inside) {
      if (this.bytes > MAX_QUOTED_SPAN_BYTES) this.release({ kind: 'limit' }, out);
      return;
    }
    if (this.held.length === 1) {
      out.push({ text: line.text, line: line.line, bytes: this.bytes });
      this.reset();
      return;
    }
    const text = this.held.map((l) => l.text).join('\n');
    if (!this.isValidRecord(text)) {
      this.release({ kind: 'broken', lastLine: line.line }, out);
      return;
    }
    const inner = this.held.slice(1, -1);
    if (inner.length > 0 && inner.every((l) => this.isWholeRecord(l.text))) {
      this.release({ kind: 'records', count: inner.length }, out);
      return;
    }
    out.push({ text, line: this.held[0]?.line ?? line.line, bytes: this.bytes });
    this.reset();
  }

  /** Reports the first held line as a stray quote and feeds the others through again. */
  private release(why: StrayReason, out: Assembled[]): void {
    const [first, ...rest] = this.held;
    this.reset();
    if (first === undefined) return;
    out.push(strayQuote(first.line, why));
    for (const l of rest) this.feed(l, out);
  }

  private reset(): void {
    this.held = [];
    this.inside = false;
    this.bytes = 0;
  }
}

export async function* csvPieces(chunks: AsyncIterable<Buffer>, kind: SourceKind): AsyncGenerator<Piece[]> {
  const splitter = new LineSplitter();
  let assembler = null as RecordAssembler | null;
  let mapping = null as CsvMapping | null;
  let delimiter = ',';

  const convert = (lines: Line[]): Piece[] => {
    const out: Piece[] = [];
    for (const l of lines) {
      if (l.overlong) {
        out.push(overlongLine(l.line));
        continue;
      }
      if (mapping === null || assembler === null) {
        // The header is one line; its delimiter decides how the records are split.
        if (l.text.trim().length === 0) continue;
        const header = Papa.parse<string[]>(l.text, { delimitersToGuess: [',', ';', '\t', '|'] });
        delimiter = header.meta.delimiter || ',';
        mapping = csvMapping(header.data[0] ?? [], kind);
        const columns = mapping.headers.length;
        const d = delimiter;
        assembler = new RecordAssembler(
          d,
          (text) => typeof cellsOf(text, d, columns) !== 'string',
          // With one column every line is a whole record, so the test would split every real cell.
          (text) => columns > 1 && hasColumns(text, d, columns),
        );
        continue;
      }
      // A loop, not push(...x): one released span can hold hundreds of thousands of records.
      for (const piece of assembled(assembler.push(l), mapping)) out.push(piece);
    }
    return out;
  };
  const assembled = (records: Assembled[], m: CsvMapping): Piece[] => records.flatMap((record): Piece[] => {
    if ('problem' in record) return [record];
    return record.text.trim().length > 0 ? [rowPiece(m, delimiter, record)] : [];
  });

  for await (const chunk of chunks) yield convert(splitter.push(chunk));
  const tail = convert(splitter.end());
  yield assembler === null || mapping === null ? tail : [...tail, ...assembled(assembler.end(), mapping)];
}

/** Whether one line, read on its own, is a valid record with exactly the header's column count. */
function hasColumns(text: string, delimiter: string, columns: number): boolean {
  const cells = cellsOf(text, delimiter, columns);
  return typeof cells !== 'string' && cells.length === columns;
}

/** The cells of one record, or a sentence saying why it is not a valid record. */
function cellsOf(text: string, delimiter: string, columns: number): string[] | string {
  const parsed = Papa.parse<string[]>(text, { delimiter });
  const firstError = parsed.errors[0];
  if (firstError !== undefined) return `Not a valid CSV record (${firstError.message}).`;
  const cells = parsed.data[0] ?? [];
  if (cells.length > columns) return `The record has ${cells.length} fields but the header has ${columns}.`;
  return cells;
}

function rowPiece(mapping: CsvMapping, delimiter: string, record: { text: string; line: number; bytes: number }): Piece {
  if (!isWellFormedText(record.text)) return { line: record.line, problem: notUtf8(`Line ${record.line}`) };
  const cells = cellsOf(record.text, delimiter, mapping.headers.length);
  if (typeof cells === 'string') return { line: record.line, problem: cells };
  try {
    const { raw, obj } = rowToRecord(mapping, cells);
    return { line: record.line, raw, obj, bytes: record.bytes };
  } catch (err) {
    return { line: record.line, problem: errorText(err) };
  }
}
