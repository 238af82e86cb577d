/**
 * Browser-mode file import: sends the file as the body of `POST /upload` (the host streams it to
 * disk and imports it), reads the NDJSON answer line by line for progress, and resolves with the
 * summary. Aborting `signal` closes the request; the host then stops the import and deletes the file.
 */
import { UPLOAD_PATH, uploadLineSchema, type ImportProgress, type ImportSourceKind, type ImportSummary } from '../../../common/contract.ts';
import { ApiClientError } from './ApiClientError.ts';
import { errorFromResponse, TOKEN_HEADER } from './httpTransport.ts';

export interface UploadRequest {
  file: Blob;
  fileName: string;
  tenantId: number;
  sourceKind?: ImportSourceKind;
}

export interface UploadOptions {
  token: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  fetchImpl?: typeof fetch;
}

export function uploadUrl(req: Omit<UploadRequest, 'file'>): string {
  const params = new URLSearchParams({ tenantId: String(req.tenantId), name: req.fileName });
  if (req.sourceKind) params.set('sourceKind', req.sourceKind);
  return `${UPLOAD_PATH}?${params.toString()}`;
}

const cancelled = () => new ApiClientError({ code: 'cancelled', message: 'The import was cancelled.' });

export async function uploadFile(req: UploadRequest, opts: UploadOptions): Promise<ImportSummary> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(uploadUrl(req), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(opts.token ? { [TOKEN_HEADER]: opts.token } : {}) },
      body: req.file,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (error) {
    if (opts.signal?.aborted) throw cancelled();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiClientError({ code: 'internal', message: `Could not send the file to the Trailkeeper host: ${reason}` });
  }
  if (!response.ok) throw await errorFromResponse(response);
  try {
    return await readSummary(response, opts.onProgress);
  } catch (error) {
    if (opts.signal?.aborted) throw cancelled();
    throw error;
  }
}

/** Reads NDJSON lines until the `done` (or `error`) line. */
async function readSummary(response: Response, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary> {
  if (!response.body) throw new ApiClientError({ code: 'internal', message: 'The Trailkeeper host sent an empty answer to the upload.' });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!text) continue;
      const parsed = uploadLineSchema.safeParse(parseJson(text));
      if (!parsed.success) continue;
      const line = parsed.data;
      if (line.kind === 'done') return line.summary;
      if (line.kind === 'error') throw new ApiClientError(line.error);
      const { kind: _kind, ...progress } = line;
      onProgress?.(progress);
    }
    if (done) break;
  }
  throw new ApiClientError({ code: 'internal', message: 'The upload ended before the Trailkeeper host sent its summary.' });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
