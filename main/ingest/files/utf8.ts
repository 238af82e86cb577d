/**
 * Strict UTF-8 decoding for the readers. Node's decoders silently turn invalid bytes into U+FFFD,
 * so a stored `raw` (and its sha256) would no longer be the bytes of the source. Here each
 * invalid byte becomes a lone surrogate (U+DC80 + byte, as Python's "surrogateescape" does): a
 * valid UTF-8 text never decodes to a lone surrogate, so a reader can tell an invalid record
 * exactly (`isWellFormedText`) and refuse it, while the text around it keeps its line structure.
 */
import { isUtf8 } from 'node:buffer';

/** The sentence for a record whose bytes are not UTF-8; `what` names it ("Line 3"). */
export function notUtf8(what: string): string {
  return `${what} is not valid UTF-8 text; it was skipped so that no stored record differs from its source bytes.`;
}

const wellFormed = (String.prototype as unknown as { isWellFormed(this: string): boolean }).isWellFormed;

/** False when the text holds a lone surrogate: an invalid byte of its source (see above). */
export function isWellFormedText(text: string): boolean {
  return wellFormed.call(text);
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes bytes, mapping each byte that is not part of a valid sequence to U+DC80 + byte. */
export function decodeEscaped(buf: Buffer): string {
  if (isUtf8(buf)) return buf.toString('utf8');
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < buf.length) {
    const n = sequenceLength(buf[i] as number);
    if (n === 1 || (n > 1 && i + n <= buf.length && isUtf8(buf.subarray(i, i + n)))) {
      i += n;
      continue;
    }
    if (runStart < i) parts.push(buf.toString('utf8', runStart, i));
    parts.push(String.fromCharCode(0xdc00 + (buf[i] as number)));
    i++;
    runStart = i;
  }
  if (runStart < buf.length) parts.push(buf.toString('utf8', runStart));
  return parts.join('');
}

/** Where an unfinished multi-byte sequence starts at the end of `buf` (buf.length when none). */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= 3 && back <= buf.length; back++) {
    const b = buf[buf.length - back] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const n = sequenceLength(b);
    return n > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** Streaming form of decodeEscaped: a sequence split between chunks is decoded whole. */
export class StrictUtf8Decoder {
  private carry: Buffer | null = null;

  write(chunk: Buffer): string {
    const buf = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    const cut = incompleteTail(buf);
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    return decodeEscaped(buf.subarray(0, cut));
  }

  end(): string {
    const rest = this.carry;
    this.carry = null;
    return rest === null ? '' : decodeEscaped(rest);
  }
}
