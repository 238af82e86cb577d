/**
 * Splits a syslog TCP stream into messages (RFC 6587). Two framings, told apart at the start of
 * every frame, so one connection may use either (and a sender that switches is still read):
 * - octet counting, "LEN SP MSG" (§3.4.1): a frame starts with a digit;
 * - non-transparent framing (§3.4.2): a frame starts with "<" (the PRI) and ends at LF or NUL.
 * A frame longer than `maxFrameBytes` is skipped without being buffered, and anything that
 * starts neither way is skipped to the next LF: each is reported as garbage, and reading goes on.
 */

export interface FrameHandler {
  /** One message, without its length prefix or trailer. */
  frame(bytes: Buffer): void;
  /** Something that was not a message, skipped; `reason` is a sentence. */
  garbage(reason: string): void;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SPACE = 0x20;
const LT = 0x3c;
/** RFC 6587 MSG-LEN is a NONZERO-DIGIT followed by up to 9 digits... we allow 10 digits in all. */
const MAX_LENGTH_DIGITS = 10;

type State =
  | { kind: 'start' }
  | { kind: 'octets'; remaining: number }
  | { kind: 'skip-octets'; remaining: number }
  | { kind: 'line' }
  | { kind: 'skip-line' };

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** The first LF or NUL at or after `from`, or -1. */
function frameEnd(buf: Buffer, from: number): number {
  const lf = buf.indexOf(LF, from);
  const nul = buf.indexOf(NUL, from);
  if (lf === -1) return nul;
  return nul === -1 ? lf : Math.min(lf, nul);
}

export class SyslogFrameSplitter {
  private buf: Buffer = Buffer.alloc(0);
  private state: State = { kind: 'start' };
  private readonly maxFrameBytes: number;
  private readonly handler: FrameHandler;

  constructor(maxFrameBytes: number, handler: FrameHandler) {
    this.maxFrameBytes = maxFrameBytes;
    this.handler = handler;
  }

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let pos = 0;
    for (;;) {
      const next = this.step(pos);
      if (next === -1) break;
      pos = next;
    }
    // Keep only what is unread; copy so the socket's chunk is not pinned.
    this.buf = pos >= this.buf.length ? Buffer.alloc(0) : Buffer.from(this.buf.subarray(pos));
  }

  /** The connection closed: a last LF-framed message without its LF still counts; a cut frame is garbage. */
  end(): void {
    const s = this.state;
    if (s.kind === 'line' && this.buf.length > 0) this.emitLine(this.buf);
    else if (s.kind === 'octets') this.handler.garbage(`The connection closed ${s.remaining - this.buf.length} bytes before the end of an octet-counted frame.`);
    this.buf = Buffer.alloc(0);
    this.state = { kind: 'start' };
  }

  /** Consumes from `pos`; returns the new position, or -1 when more input is needed. */
  private step(pos: number): number {
    const buf = this.buf;
    const s = this.state;
    switch (s.kind) {
      case 'start': {
        while (pos < buf.length && (buf[pos] === LF || buf[pos] === CR || buf[pos] === NUL || buf[pos] === SPACE)) pos++;
        if (pos >= buf.length) return -1;
        const first = buf[pos] as number;
        if (first === LT) {
          this.state = { kind: 'line' };
          return pos;
        }
        if (!isDigit(first)) {
          this.handler.garbage('Bytes that start neither an octet-counted frame ("LEN <PRI>…") nor a message ("<PRI>…") were skipped to the next line.');
          this.state = { kind: 'skip-line' };
          return pos;
        }
        let i = pos;
        while (i < buf.length && i - pos <= MAX_LENGTH_DIGITS && isDigit(buf[i] as number)) i++;
        if (i >= buf.length) return -1;
        const length = buf[i] === SPACE && first !== 0x30 && i - pos <= MAX_LENGTH_DIGITS ? Number(buf.toString('latin1', pos, i)) : 0;
        if (length === 0) {
          this.handler.garbage('A frame length that is not a number followed by a space was skipped to the next line.');
          this.state = { kind: 'skip-line' };
          return i;
        }
        if (length > this.maxFrameBytes) {
          this.handler.garbage(`An octet-counted frame of ${length} bytes is over the ${this.maxFrameBytes}-byte limit and was skipped.`);
          this.state = { kind: 'skip-octets', remaining: length };
        } else this.state = { kind: 'octets', remaining: length };
        return i + 1;
      }
      case 'octets': {
        if (buf.length - pos < s.remaining) return -1;
        this.handler.frame(buf.subarray(pos, pos + s.remaining));
        const end = pos + s.remaining;
        this.state = { kind: 'start' };
        return end;
      }
      case 'skip-octets': {
        const take = Math.min(s.remaining, buf.length - pos);
        s.remaining -= take;
        if (s.remaining === 0) this.state = { kind: 'start' };
        return take === 0 ? -1 : pos + take;
      }
      case 'line': {
        const end = frameEnd(buf, pos);
        if (end === -1) {
          if (buf.length - pos > this.maxFrameBytes) {
            this.handler.garbage(`A message over the ${this.maxFrameBytes}-byte limit was skipped to the next line.`);
            this.state = { kind: 'skip-line' };
            return buf.length;
          }
          return -1;
        }
        if (end - pos > this.maxFrameBytes) this.handler.garbage(`A message over the ${this.maxFrameBytes}-byte limit was skipped.`);
        else this.emitLine(buf.subarray(pos, end));
        this.state = { kind: 'start' };
        return end + 1;
      }
      case 'skip-line': {
        const end = frameEnd(buf, pos);
        if (end === -1) return buf.length > pos ? buf.length : -1;
        this.state = { kind: 'start' };
        return end + 1;
      }
    }
  }

  private emitLine(bytes: Buffer): void {
    this.handler.frame(bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes);
  }
}
