/** `GET /events` over the real HTTP host: token required, snapshot first, then progress as it happens. */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncEvent, SyncProgress } from '../../../common/contract.ts';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';

let host: HttpHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

const progress = (inserted: number): SyncProgress => ({
  tenantId: 3,
  connectionId: 1,
  tenantName: 'acme',
  state: 'running',
  startedAt: 1,
  finishedAt: null,
  inserted,
  duplicates: 0,
  problems: 0,
  highWater: 2,
  fraction: 0.25,
  note: null,
  error: null,
});

describe('GET /events', () => {
  it('refuses a request without the token, and streams a snapshot then each change with it', async () => {
    const listeners = new Set<(run: SyncProgress) => void>();
    const events = {
      snapshot: () => [progress(0)],
      subscribe: (l: (run: SyncProgress) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    host = await startHttpHost({ handlers: {} as Handlers, rendererDir: import.meta.dirname, events });
    const base = `http://127.0.0.1:${host.port}/events`;
    expect((await fetch(base)).status).toBe(401);

    const abort = new AbortController();
    const res = await fetch(base, { headers: { 'x-trailkeeper-token': host.token }, signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextEvent = async (): Promise<SyncEvent> => {
      for (;;) {
        const end = text.indexOf('\n\n');
        if (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (block.startsWith('data: ')) return JSON.parse(block.slice(6)) as SyncEvent;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
    };
    expect(await nextEvent()).toEqual({ type: 'snapshot', runs: [progress(0)] });
    for (const l of listeners) l(progress(500));
    expect(await nextEvent()).toEqual({ type: 'progress', run: progress(500) });
    abort.abort();
    await expect.poll(() => listeners.size).toBe(0);
  });
});
