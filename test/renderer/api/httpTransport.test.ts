import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../../../renderer/src/api/ApiClientError.ts';
import { createHttpApi, TOKEN_HEADER } from '../../../renderer/src/api/httpTransport.ts';

const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };

describe('browser transport', () => {
  it('posts the call with the token and returns the JSON answer', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const api = createHttpApi('tok', async (url, init) => {
      seen.push({ url: String(url), init: init! });
      return new Response(JSON.stringify({ count: 3, tookMs: 1 }), { status: 200 });
    });
    await expect(api['events.count']({ view })).resolves.toEqual({ count: 3, tookMs: 1 });
    expect(seen[0]!.url).toBe('/api/events.count');
    expect((seen[0]!.init.headers as Record<string, string>)[TOKEN_HEADER]).toBe('tok');
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual({ view });
  });

  it('passes the abort signal to fetch, and an aborted call fails as cancelled', async () => {
    const api = createHttpApi('tok', (_url, init) =>
      new Promise<Response>((_resolve, reject) => {
        init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
    );
    const control = new AbortController();
    const call = api['events.count']({ view }, { signal: control.signal });
    control.abort();
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect((error as ApiClientError).code).toBe('cancelled');
  });

  it('turns an error body into the API error with its field and column', async () => {
    const api = createHttpApi('tok', async () =>
      new Response(JSON.stringify({ code: 'query_syntax', message: 'Unknown field', field: 'view.query', column: 4 }), { status: 400 }),
    );
    const error = (await api['events.count']({ view }).catch((e: unknown) => e)) as ApiClientError;
    expect(error).toMatchObject({ code: 'query_syntax', column: 4, field: 'view.query' });
  });
});
