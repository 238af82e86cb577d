/**
 * RFC 5424 syslog files. LF-framed: a message starts on a line beginning "<PRI>"; following
 * lines that do not are the rest of a multi-line message. NUL also ends a message (RFC 6587
 * non-transparent framing). Octet-counted: "LEN SP MSG" frames (RFC 6587 §3.4.1).
 */
import { looksLike } from '../sources/syslog.ts';
import { LineSplitter, type Line } from './lines.ts';
import { isUtf8 } from 'node:buffer';
import { overlongLine, type Piece } from './pieces.ts';
import { isWellFormedText, notUtf8 } from './utf8.ts';

class MessageGrouper {
  private parts: string[] = [];
  private line = 0;
  private bytes = 0;

  push(l: Line, out: Piece[]): void {
    if (l.overlong) {
      this.flush(out);
      out.push(overlongLine(l.line));
      return;
    }
    const frames = l.text.includes('\0') ? l.text.split('\0') : [l.text];
    frames.forEach((frame, i) => {
      // The empty piece after a trailing NUL is not a line of its own.
      if (i > 0 && frame.length === 0) return;
      if (i > 0 || looksLike(frame)) {
        this.flush(out);
        if (!looksLike(frame)) {
          out.push({ line: l.line, problem: `Line ${l.line} does not start an RFC 5424 message ("<PRI>1 …").` });
          return;
        }
        this.parts = [frame];
        this.line = l.line;
        this.bytes = l.bytes;
      } else if (this.parts.length > 0) {
        this.parts.push(frame);
        this.bytes += l.bytes;
      } else if (frame.trim().length > 0) {
        out.push({ line: l.line, problem: `Line ${l.line} does not start an RFC 5424 message ("<PRI>1 …").` });
      }
    });
  }

  flush(out: Piece[]): void {
    if (this.parts.length === 0) return;
    // Trailing blank lines belong to the file's layout, not to the message.
    while (this.parts.length > 1 && (this.parts[this.parts.length - 1] ?? '').trim().length === 0) this.parts.pop();
    const raw = this.parts.join('\n');
    out.push(isWellFormedText(raw)
      ? { line: this.line, raw, obj: undefined, bytes: this.bytes }
      : { line: this.line, problem: notUtf8(`The message on line ${this.line}`) });
    this.parts = [];
  }
}

export async function* syslogPieces(chunks: AsyncIterable<Buffer>): AsyncGenerator<Piece[]> {
  const splitter = new LineSplitter();
  const grouper = new MessageGrouper();
  const convert = (lines: Line[], final: boolean): Piece[] => {
    const out: Piece[] = [];
    for (const l of lines) grouper.push(l, out);
    if (final) grouper.flush(out);
    return out;
  };
  for await (const chunk of chunks) yield convert(splitter.push(chunk), false);
  yield convert(splitter.end(), true);
}

/** Octet-counted frames: the count is in bytes, so framing works on bytes, not text. */
export async function* octetCountedPieces(chunks: AsyncIterable<Buffer>): AsyncGenerator<Piece[]> {
  let buf: Buffer = Buffer.alloc(0);
  let line = 1;
  let broken = false;
  for await (const chunk of chunks) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    const out: Piece[] = [];
    let pos = 0;
    while (!broken) {
      // Frames may be separated by line breaks or spaces in a file.
      while (pos < buf.length && (buf[pos] === 0x0a || buf[pos] === 0x0d || buf[pos] === 0x20)) {
        if (buf[pos] === 0x0a) line++;
        pos++;
      }
      const space = buf.indexOf(0x20, pos);
      if (space === -1 || space - pos > 10) {
        if (buf.length - pos > 10) broken = true;
        break;
      }
      const lenText = buf.toString('latin1', pos, space);
      if (!/^[1-9]\d*$/.test(lenText)) {
        broken = true;
        break;
      }
      const end = space + 1 + Number(lenText);
      if (end > buf.length) break;
      const frame = buf.subarray(space + 1, end);
      out.push(isUtf8(frame)
        ? { line, raw: frame.toString('utf8'), obj: undefined, bytes: end - pos }
        : { line, problem: notUtf8(`The frame on line ${line}`) });
      for (let i = space + 1; i < end; i++) if (buf[i] === 0x0a) line++;
      pos = end;
    }
    if (broken) {
      out.push({ line, problem: `Line ${line} does not start an octet-counted frame ("LENGTH <PRI>1 …"); the rest of the file was skipped.` });
      yield out;
      return;
    }
    buf = buf.subarray(pos);
    yield out;
  }
  const rest = buf.toString('utf8').trim();
  if (rest.length > 0) yield [{ line, problem: `The file ends inside the frame on line ${line} (truncated?).` }];
}
