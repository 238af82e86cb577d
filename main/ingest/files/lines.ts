/**
 * Splits byte chunks into lines without holding more than one line (plus one chunk) in memory.
 * Splitting on the LF byte is safe for UTF-8: LF never occurs inside a multi-byte sequence.
 * A line whose bytes are not valid UTF-8 is flagged, never silently repaired (see utf8.ts).
 */
import { isUtf8 } from 'node:buffer';
import { decodeEscaped } from './utf8.ts';

export interface Line {
  /** The line without its LF (or CRLF) terminator; a leading UTF-8 BOM on line 1 is dropped. */
  text: string;
  /** 1-based line number in the (decompressed) file. */
  line: number;
  /** Bytes the line occupied, terminator included: a byte budget for batching. */
  bytes: number;
  /** Set when the line was longer than the limit and its text was discarded. */
  overlong?: true;
  /** Set when the line's bytes are not valid UTF-8: `text` then holds lone surrogates for them. */
  invalidUtf8?: true;
}

export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overlong = false;
  private lineNo = 0;
  private readonly maxLineBytes: number;

  constructor(maxLineBytes = MAX_LINE_BYTES) {
    this.maxLineBytes = maxLineBytes;
  }

  /** The complete lines in this chunk (the unfinished tail waits for the next chunk). */
  push(chunk: Buffer): Line[] {
    const out: Line[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      out.push(this.finish(chunk.subarray(start, nl), 1));
      start = nl + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
    return out;
  }

  /** The last line when the input did not end with LF. */
  end(): Line[] {
    return this.pendingBytes > 0 || this.overlong ? [this.finish(Buffer.alloc(0), 0)] : [];
  }

  private hold(part: Buffer): void {
    this.pendingBytes += part.length;
    if (this.overlong) return;
    if (this.pendingBytes > this.maxLineBytes) {
      this.overlong = true;
      this.pending = [];
      return;
    }
    // Copy: the chunk's buffer may be reused by the stream once we return.
    this.pending.push(Buffer.from(part));
  }

  private finish(tail: Buffer, terminator: number): Line {
    const bytes = this.pendingBytes + tail.length + terminator;
    const line = ++this.lineNo;
    const wasOverlong = this.overlong || bytes - terminator > this.maxLineBytes;
    const buf = this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail]);
    this.pending = [];
    this.pendingBytes = 0;
    this.overlong = false;
    if (wasOverlong) return { text: '', line, bytes, overlong: true };
    let end = buf.length;
    if (end > 0 && buf[end - 1] === 0x0d) end--;
    let begin = 0;
    if (line === 1 && end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) begin = 3;
    const content = buf.subarray(begin, end);
    if (isUtf8(content)) return { text: content.toString('utf8'), line, bytes };
    return { text: decodeEscaped(content), line, bytes, invalidUtf8: true };
  }
}
