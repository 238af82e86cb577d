/**
 * Opens an audit file as a stream of (decompressed, UTF-8) byte chunks, counting the file bytes
 * read. UTF-16 content is transcoded here, so every reader sees UTF-8 (see encoding.ts).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { utf16ToUtf8, type TextEncoding } from './encoding.ts';

export interface Input {
  chunks: AsyncIterable<Buffer>;
  /** Bytes of the file on disk consumed so far (compressed bytes for .gz), for progress. */
  bytesRead(): number;
  totalBytes: number;
}

const CHUNK = 1 << 20;

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export async function openInput(path: string, gzip: boolean, encoding: TextEncoding = 'utf8'): Promise<Input> {
  const { size } = await stat(path);
  const file = createReadStream(path, { highWaterMark: CHUNK });
  // pipeline destroys both streams together: an early `break` by the reader closes the file.
  const bytes: Readable = gzip ? pipeline(file, createGunzip({ chunkSize: CHUNK }), () => {}) : file;
  const chunks = encoding === 'utf8' ? bytes : closingWith(utf16ToUtf8(bytes, encoding), bytes);
  return { chunks, bytesRead: () => file.bytesRead, totalBytes: size };
}

/** Closes `source` when the reader stops early, as pipeline does for the plain stream. */
async function* closingWith(chunks: AsyncIterable<Buffer>, source: Readable): AsyncGenerator<Buffer> {
  try {
    yield* chunks;
  } finally {
    source.destroy();
  }
}

/** Space, tab, CR, LF: what blank lines are made of. */
function isBlank(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a;
}

export interface Head {
  /** Up to `max` bytes of content, after any leading blank lines (and a UTF-8 BOM) were skipped. */
  bytes: Buffer;
  /** True when `bytes` runs to the end of the content. */
  complete: boolean;
}

/**
 * The first `max` bytes of the decompressed content (UTF-8 after transcoding), from its first
 * character that is not blank: any amount of leading blank lines is skipped, so it never hides
 * the content from detection.
 */
export async function readHead(path: string, gzip: boolean, max: number, encoding: TextEncoding = 'utf8'): Promise<Head> {
  const { chunks } = await openInput(path, gzip, encoding);
  const parts: Buffer[] = [];
  let length = 0;
  let started = false;
  let complete = true;
  let sawBytes = false;
  try {
    for await (const raw of chunks) {
      let chunk = raw;
      if (!sawBytes && chunk.length > 0) {
        sawBytes = true;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      if (!started) {
        let i = 0;
        while (i < chunk.length && isBlank(chunk[i] as number)) i++;
        if (i === chunk.length) continue;
        started = true;
        chunk = chunk.subarray(i);
      }
      parts.push(chunk);
      length += chunk.length;
      if (length >= max) {
        complete = false;
        break;
      }
    }
  } catch (err) {
    // A truncated .gz still has a readable head; anything already decoded is enough to sniff.
    if (length === 0) throw err;
  }
  const bytes = Buffer.concat(parts);
  return { bytes: bytes.subarray(0, max), complete: complete && bytes.length <= max };
}

/** The first bytes of the decompressed content as they are (for the encoding's byte-order mark). */
export async function readRawHead(path: string, gzip: boolean, max: number): Promise<Buffer> {
  const { chunks } = await openInput(path, gzip);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of chunks) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= max) break;
    }
  } catch (err) {
    if (length === 0) throw err;
  }
  return Buffer.concat(parts).subarray(0, max);
}
