/** NDJSON and JSON-array readers. Each yields the pieces found in one input chunk. */
import { asObject } from '../sources/fields.ts';
import { JsonArrayScanner, type ScanMode, type ScannedElement } from './json-scan.ts';
import { LineSplitter, type Line } from './lines.ts';
import { errorText, overlongLine, type Piece } from './pieces.ts';
import { isWellFormedText, notUtf8, StrictUtf8Decoder } from './utf8.ts';

function parseObject(text: string, line: number, what: string, bytes = text.length): Piece {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    return { line, problem: `${what} is not valid JSON (${errorText(err)}).` };
  }
  if (asObject(obj) === null) return { line, problem: `${what} is JSON but not an object.` };
  return { line, raw: text, obj, bytes, label: what };
}

/**
 * One JSON object per line. With `expandRecords`, a line holding a CloudTrail `{"Records": […]}`
 * batch becomes one piece per record, each with its exact text from the line.
 */
export async function* ndjsonPieces(chunks: AsyncIterable<Buffer>, expandRecords: boolean): AsyncGenerator<Piece[]> {
  const splitter = new LineSplitter();
  const convert = (lines: Line[]): Piece[] => {
    const out: Piece[] = [];
    for (const l of lines) {
      if (l.overlong) {
        out.push(overlongLine(l.line));
        continue;
      }
      if (l.invalidUtf8) {
        out.push({ line: l.line, problem: notUtf8(`Line ${l.line}`) });
        continue;
      }
      if (l.text.trim().length === 0) continue;
      const piece = parseObject(l.text, l.line, `Line ${l.line}`, l.bytes);
      if (expandRecords && 'obj' in piece && Array.isArray(asObject(piece.obj)?.Records)) {
        // A loop, not push(...x): one line may hold more records than call arguments allow.
        for (const piece of recordsOfLine(l.text, l.line)) out.push(piece);
      } else out.push(piece);
    }
    return out;
  };
  for await (const chunk of chunks) yield convert(splitter.push(chunk));
  yield convert(splitter.end());
}

function recordsOfLine(text: string, line: number): Piece[] {
  const scanner = new JsonArrayScanner({ key: 'Records' });
  return scanner.push(text).map((el, i) =>
    el.problem !== undefined ? { line, problem: el.problem } : parseObject(el.text, line, `Record ${i + 1} on line ${line}`));
}

function elementPiece(el: ScannedElement): Piece {
  if (el.problem !== undefined) return { line: el.line, problem: el.problem };
  if (!isWellFormedText(el.text)) return { line: el.line, problem: notUtf8(el.label) };
  return parseObject(el.text, el.line, el.label);
}

/**
 * The elements of a top-level JSON array, of the array under a key (`{"Records": […]}`), or the
 * top-level objects themselves: one piece per element.
 */
export async function* jsonArrayPieces(chunks: AsyncIterable<Buffer>, mode: ScanMode): AsyncGenerator<Piece[]> {
  const decoder = new StrictUtf8Decoder();
  const scanner = new JsonArrayScanner(mode);
  let first = true;
  const convert = (text: string): Piece[] => {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return scanner.push(text).map(elementPiece);
  };
  for await (const chunk of chunks) yield convert(decoder.write(chunk));
  const tail = convert(decoder.end());
  const unfinished = scanner.end();
  yield unfinished === null ? tail : [...tail, { line: scanner.lineNumber, problem: unfinished }];
}
