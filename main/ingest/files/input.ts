/** Opens an audit file as a stream of (decompressed) byte chunks, counting the file bytes read. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

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

export async function openInput(path: string, gzip: boolean): Promise<Input> {
  const { size } = await stat(path);
  const file = createReadStream(path, { highWaterMark: CHUNK });
  // pipeline destroys both streams together: an early `break` by the reader closes the file.
  const chunks: Readable = gzip ? pipeline(file, createGunzip({ chunkSize: CHUNK }), () => {}) : file;
  return { chunks, bytesRead: () => file.bytesRead, totalBytes: size };
}

/** The first `max` bytes of the decompressed content (fewer for a short file). */
export async function readHead(path: string, gzip: boolean, max: number): Promise<Buffer> {
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
    // A truncated .gz still has a readable head; anything already decoded is enough to sniff.
    if (length === 0) throw err;
  }
  return Buffer.concat(parts).subarray(0, max);
}
