/**
 * Serves the built renderer's files (issue 7, item 12): only regular files whose real path is
 * inside the renderer folder (a symlink may not lead out of it), opened before they are checked
 * so a file that vanishes in between is a 404, and streamed with an error listener so a read
 * that fails ends that one response, never the process.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';

/** Maps a URL path into rendererDir, refusing anything that would leave it (before symlinks). */
export function staticPath(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(rendererDir, relative));
  const root = normalize(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep);
  return full.startsWith(root) ? full : null;
}

export interface OpenedFile {
  handle: FileHandle;
  /** The real path (symlinks resolved), for the content type. */
  path: string;
  size: number;
}

export type OpenResult = { ok: true; file: OpenedFile } | { ok: false; status: 404 | 500; reason?: string };

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EISDIR']);

function failure(error: unknown): OpenResult {
  const code = (error as { code?: string }).code ?? '';
  if (MISSING.has(code)) return { ok: false, status: 404 };
  return { ok: false, status: 500, reason: `${code || 'error'} ${(error as Error).message ?? ''}`.trim() };
}

/** Opens the file a URL path names, if it is a regular file really inside the renderer folder. */
export async function openStaticFile(rendererDir: string, urlPath: string): Promise<OpenResult> {
  const candidate = staticPath(rendererDir, urlPath);
  if (!candidate) return { ok: false, status: 404 };
  let root: string;
  let real: string;
  try {
    root = await realpath(rendererDir);
    real = await realpath(candidate);
  } catch (error) {
    return failure(error);
  }
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) return { ok: false, status: 404 };
  let handle: FileHandle;
  try {
    handle = await open(real, 'r');
  } catch (error) {
    return failure(error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return { ok: false, status: 404 };
    }
    return { ok: true, file: { handle, path: real, size: info.size } };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return failure(error);
  }
}

/**
 * Streams an opened file into the response (headers already written). A read error or a client
 * that goes away ends the response and closes the file; `onError` hears a read failure once.
 */
export function streamFile(file: OpenedFile, res: ServerResponse, onError: (error: Error) => void): void {
  const stream = file.handle.createReadStream({ autoClose: true });
  pipeline(stream, res, (error) => {
    if (!error) return;
    const code = (error as { code?: string }).code;
    // The browser leaving early is normal; only a failed read is worth a line.
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE') onError(error);
  });
}
