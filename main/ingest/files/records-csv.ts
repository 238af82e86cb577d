/**
 * CSV reader (RFC 4180, papaparse for the cells). Records are assembled from lines by following
 * quoted fields, so a quoted cell may span lines and every record still knows the line it starts
 * on; papaparse then splits each record into cells. The first line is the header.
 */
import Papa from 'papaparse';
import type { SourceKind } from '../sources/index.ts';
import { csvMapping, rowToRecord, type CsvMapping } from './csv-columns.ts';
import { LineSplitter, type Line } from './lines.ts';
import { errorText, overlongLine, type Piece } from './pieces.ts';

/** A quoted cell may span lines, but not without bound: past this a stray quote is assumed. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
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

class RecordAssembler {
  private parts: string[] = [];
  private startLine = 0;
  private inside = false;
  private bytes = 0;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds a line; returns the finished record when the line closes it. */
  push(line: Line): Assembled | null {
    if (this.parts.length === 0) this.startLine = line.line;
    this.parts.push(line.text);
    this.bytes += line.bytes;
    this.inside = endsInsideQuotes(line.text, this.delimiter, this.inside);
    if (this.inside) {
      if (this.bytes <= MAX_RECORD_BYTES) return null;
      const problem = { line: this.startLine, problem: `The record starting on line ${this.startLine} has an unclosed quote; it was skipped.` };
      this.reset();
      return problem;
    }
    const record = { text: this.parts.join('\n'), line: this.startLine, bytes: this.bytes };
    this.reset();
    return record;
  }

  pending(): { line: number; problem: string } | null {
    return this.parts.length === 0
      ? null
      : { line: this.startLine, problem: `The record starting on line ${this.startLine} has an unclosed quote at the end of the file.` };
  }

  private reset(): void {
    this.parts = [];
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
        assembler = new RecordAssembler(delimiter);
        continue;
      }
      const record = assembler.push(l);
      if (record === null) continue;
      if ('problem' in record) out.push(record);
      else if (record.text.trim().length > 0) out.push(rowPiece(mapping, delimiter, record));
    }
    return out;
  };

  for await (const chunk of chunks) yield convert(splitter.push(chunk));
  const tail = convert(splitter.end());
  const unclosed = assembler?.pending() ?? null;
  yield unclosed === null ? tail : [...tail, unclosed];
}

function rowPiece(mapping: CsvMapping, delimiter: string, record: { text: string; line: number; bytes: number }): Piece {
  const parsed = Papa.parse<string[]>(record.text, { delimiter });
  const firstError = parsed.errors[0];
  if (firstError !== undefined) return { line: record.line, problem: `Not a valid CSV record (${firstError.message}).` };
  const cells = parsed.data[0] ?? [];
  if (cells.length > mapping.headers.length) {
    return { line: record.line, problem: `The record has ${cells.length} fields but the header has ${mapping.headers.length}.` };
  }
  try {
    const { raw, obj } = rowToRecord(mapping, cells);
    return { line: record.line, raw, obj, bytes: record.bytes };
  } catch (err) {
    return { line: record.line, problem: errorText(err) };
  }
}
