/**
 * UTF-16 audit files (Windows PowerShell's `>` and `Out-File` write UTF-16LE with a BOM, and a
 * Purview or Entra export saved that way is common) are read by transcoding them to UTF-8 as
 * they stream, so every reader sees UTF-8. We read them rather than refuse them because the text
 * is exactly recoverable: `raw` is the decoded text of the record, and its sha256 is taken over
 * that text in UTF-8, not over the UTF-16 bytes on disk (the same record exported as UTF-8 gets
 * the same hash). A lone surrogate becomes the invalid UTF-8 byte 0xFF, so the reader refuses
 * that record instead of storing a U+FFFD in its place.
 */

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/**
 * The encoding of content starting with `head`: a byte-order mark decides; without one, UTF-16
 * shows as a NUL in every other byte (audit files are mostly ASCII: JSON, CSV, syslog).
 */
export function sniffEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const pairs = Math.min(head.length, 4096) >> 1;
  if (pairs < 2) return 'utf8';
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul <= pairs * 0.1) return 'utf16le';
  if (evenNul >= pairs * 0.9 && oddNul <= pairs * 0.1) return 'utf16be';
  return 'utf8';
}

const INVALID_UTF8 = Buffer.from([0xff]);

/** UTF-8 bytes of UTF-16 text; each lone surrogate becomes the byte 0xFF (never valid UTF-8). */
function toUtf8(text: string): Buffer {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  if (!lone.test(text)) return Buffer.from(text, 'utf8');
  lone.lastIndex = 0;
  const parts: Buffer[] = [];
  let from = 0;
  for (const m of text.matchAll(lone)) {
    parts.push(Buffer.from(text.slice(from, m.index), 'utf8'), INVALID_UTF8);
    from = m.index + m[0].length;
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/** Transcodes a UTF-16 byte stream to UTF-8 chunk by chunk, keeping split code units and pairs whole. */
export async function* utf16ToUtf8(chunks: AsyncIterable<Buffer>, encoding: 'utf16le' | 'utf16be'): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let end = buf.length - (buf.length % 2);
    if (end >= 2) {
      // A high surrogate at the end waits for its partner in the next chunk.
      const last = encoding === 'utf16le' ? (buf[end - 1] as number) : (buf[end - 2] as number);
      if (last >= 0xd8 && last <= 0xdb) end -= 2;
    }
    carry = Buffer.from(buf.subarray(end));
    buf = Buffer.from(buf.subarray(0, end));
    if (encoding === 'utf16be') buf.swap16();
    if (buf.length > 0) yield toUtf8(buf.toString('utf16le'));
  }
  if (carry.length > 0) {
    const tail = Buffer.from(carry.subarray(0, carry.length - (carry.length % 2)));
    if (encoding === 'utf16be') tail.swap16();
    yield Buffer.concat([toUtf8(tail.toString('utf16le')), carry.length % 2 === 1 ? INVALID_UTF8 : Buffer.alloc(0)]);
  }
}
