/**
 * The shared JSON client: failures become SyncError sentences that say what to do and never
 * contain the secret (even when a source echoes it back), a web page instead of JSON names the
 * base URL, an unreachable host is retryable, and cancelling stops a rate-limit wait at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../../main/sync/connector.ts';
import { JsonClient, redact, type SourcePolicy } from '../../../../main/sync/connectors/http-json.ts';
import { retryAfterMs, resetInMs, systemClock } from '../../../../main/sync/connectors/rate-limit.ts';

const SECRET = 'canary-Sekr3t-9f8e7d6c';
const policy: SourcePolicy = {
  source: 'Testsource',
  rateLimitWait: (status, headers, now) => (status === 429 ? retryAfterMs(headers, now) ?? 0 : null),
  refusal: (status, body) => (status === 401 ? `Testsource refused the token (401): ${JSON.stringify(body)}` : null),
};

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (server === null ? r() : server.close(() => r())));
  server = null;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The SyncError a request fails with (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<SyncError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SyncError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

const ctx = (signal = new AbortController().signal) => ({ signal, fetch: globalThis.fetch, credentials: { secret: SECRET } });

describe('JsonClient', () => {
  it('keeps the secret out of a sentence even when the source echoes it', async () => {
    const base = await serve((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `bad token ${req.headers.authorization}` }));
    });
    const client = new JsonClient(policy, ctx());
    const err = await failure(client.request(`${base}/x`, { headers: { authorization: `Bearer ${SECRET}` } }));
    expect(err).toBeInstanceOf(SyncError);
    expect(err.message).toContain('Testsource refused the token (401)');
    expect(err.message).toContain('[secret]');
    expect(err.message).not.toContain(SECRET);
    expect(redact(`basic ${Buffer.from(SECRET).toString('base64')}`, { secret: SECRET })).toBe('basic [secret]');
  });

  it('names the base URL when the answer is a web page, and gives a generic sentence for other refusals', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Sign in</title>');
      } else {
        res.writeHead(418);
        res.end('{}');
      }
    });
    const client = new JsonClient(policy, ctx());
    await expect(client.request(`${base}/html`)).rejects.toThrow('Testsource answered with a web page instead of JSON: check the connection\'s base URL.');
    const teapot = await failure(client.request(`${base}/x`));
    expect(teapot.message).toBe('Testsource refused the request (418): check the connection\'s settings.');
    expect(teapot.retryable).toBe(false);
  });

  it('calls an unreachable host retryable, with the host and the cause', async () => {
    const base = await serve((_req, res) => res.end());
    const port = new URL(base).port;
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    const err = await failure(new JsonClient(policy, ctx()).request(`http://127.0.0.1:${port}/x`));
    expect(err.message).toBe(`Testsource could not be reached at 127.0.0.1:${port} (ECONNREFUSED): check the base URL and the network; Trailkeeper will try again.`);
    expect(err.retryable).toBe(true);
  });

  it('gives up waiting after repeated 429s, or at once for a wait too long to sit out, with retryAfterMs for the engine', async () => {
    const base = await serve((req, res) => {
      res.writeHead(429, { 'retry-after': req.url === '/long' ? '3600' : '1' });
      res.end('{}');
    });
    const waited: number[] = [];
    const clock = { now: () => 0, sleep: async (ms: number) => void waited.push(ms) };
    const client = new JsonClient(policy, { ...ctx(), clock });
    const err = await failure(client.request(`${base}/x`));
    expect(waited).toEqual(Array(8).fill(1000));
    expect(err).toMatchObject({ retryable: true, status: 429, retryAfterMs: 1000 });
    const long = await failure(client.request(`${base}/long`));
    expect(long.message).toBe('Testsource is rate limiting requests (429): Trailkeeper will try again in 3600 s.');
    expect(long.retryAfterMs).toBe(3_600_000);
  });

  it('stops a rate-limit wait when the run is cancelled', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end('{}');
    });
    const ac = new AbortController();
    const client = new JsonClient(policy, { ...ctx(ac.signal), onWait: () => ac.abort(new Error('cancelled by the user')) });
    await expect(client.request(`${base}/x`)).rejects.toThrow('cancelled by the user');
  });

  it('reads Retry-After as seconds or an HTTP date, and reset headers as epoch seconds', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(now + 30_000).toUTCString() }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(resetInMs(new Headers({ 'x-rate-limit-reset': String(now / 1000 + 42) }), 'x-rate-limit-reset', now)).toBe(42_000);
    expect(resetInMs(new Headers({}), 'x-rate-limit-reset', now)).toBeNull();
    // Against the answer's Date header when there is one: a local clock 5 minutes fast changes nothing.
    const served = new Headers({ 'x-rate-limit-reset': String(now / 1000 + 42), date: new Date(now).toUTCString() });
    expect(resetInMs(served, 'x-rate-limit-reset', now + 300_000)).toBe(42_000);
  });

  it('has a real clock whose sleep rejects on abort', async () => {
    const ac = new AbortController();
    const p = systemClock.sleep(60_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
