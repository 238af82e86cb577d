/** The browser upload client: file as the body with the token, NDJSON progress, summary, errors, cancel. */
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../common/contract.ts';
import { ApiClientError } from '../../../renderer/src/api/ApiClientError.ts';
import { TOKEN_HEADER } from '../../../renderer/src/api/httpTransport.ts';
import { uploadFile, uploadUrl } from '../../../renderer/src/api/uploadFile.ts';

const summary: ImportSummary = {
  tenantId: 3,
  fileName: 'a b.jsonl',
  bytes: 10,
  added: 2,
  duplicates: 1,
  rejected: 1,
  rejectedSamples: [{ line: 4, message: 'Line 4 is not valid JSON.' }],
  tookMs: 5,
};

/** A response whose body arrives in the given pieces (lines split across chunks, as on a network). */
function streamed(pieces: string[], init: ResponseInit = { status: 200 }): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of pieces) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });
  return new Response(body, init);
}

const progress = { kind: 'progress', bytesRead: 5, totalBytes: 10, inserted: 1, duplicates: 0, problems: 0 };

describe('uploadFile', () => {
  it('posts the file with the token and reads progress, then the summary', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const text = `${JSON.stringify(progress)}\n${JSON.stringify({ kind: 'done', summary })}\n`;
    const got: unknown[] = [];
    const result = await uploadFile(
      { file: new Blob(['x']), fileName: 'a b.jsonl', tenantId: 3, sourceKind: 'okta' },
      {
        token: 'tok',
        onProgress: (p) => got.push(p),
        fetchImpl: async (url, init) => {
          seen.push({ url: String(url), init: init! });
          return streamed([text.slice(0, 17), text.slice(17, 60), text.slice(60)]);
        },
      },
    );
    expect(result).toEqual(summary);
    expect(got).toEqual([{ bytesRead: 5, totalBytes: 10, inserted: 1, duplicates: 0, problems: 0 }]);
    expect(seen[0]!.url).toBe('/upload?tenantId=3&name=a+b.jsonl&sourceKind=okta');
    expect((seen[0]!.init.headers as Record<string, string>)[TOKEN_HEADER]).toBe('tok');
    expect(seen[0]!.init.method).toBe('POST');
  });

  it('turns a refusal (413) into its sentence', async () => {
    const error = await uploadFile(
      { file: new Blob(['x']), fileName: 'big.jsonl', tenantId: 1 },
      {
        token: 't',
        fetchImpl: async () =>
          new Response(JSON.stringify({ code: 'invalid_input', message: 'The file is larger than the upload limit of 1024 MiB; nothing was imported.' }), { status: 413 }),
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect((error as ApiClientError).message).toMatch(/larger than the upload limit/);
  });

  it('fails with the error line the host sent mid-import, and when the answer ends without a summary', async () => {
    const failed = await uploadFile({ file: new Blob(['x']), fileName: 'f', tenantId: 1 }, {
      token: 't',
      fetchImpl: async () => streamed([`${JSON.stringify(progress)}\n${JSON.stringify({ kind: 'error', error: { code: 'internal', message: 'disk full' } })}\n`]),
    }).catch((e: unknown) => e);
    expect((failed as ApiClientError).message).toBe('disk full');
    const cut = await uploadFile({ file: new Blob(['x']), fileName: 'f', tenantId: 1 }, { token: 't', fetchImpl: async () => streamed([`${JSON.stringify(progress)}\n`]) }).catch(
      (e: unknown) => e,
    );
    expect((cut as ApiClientError).message).toMatch(/ended before/);
  });

  it('an aborted upload fails as cancelled', async () => {
    const control = new AbortController();
    const call = uploadFile({ file: new Blob(['x']), fileName: 'f', tenantId: 1 }, {
      token: 't',
      signal: control.signal,
      fetchImpl: (_url, init) => new Promise<Response>((_r, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    });
    control.abort();
    expect(await call.catch((e: unknown) => (e as ApiClientError).code)).toBe('cancelled');
  });

  it('builds the query without a source kind when it is detected', () => {
    expect(uploadUrl({ fileName: 'x.csv', tenantId: 9 })).toBe('/upload?tenantId=9&name=x.csv');
  });
});
