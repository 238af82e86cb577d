/** The browser-mode progress stream: SSE framing, contract checks, and the store kept live by it. */
import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../common/contract.ts';
import { splitEventStream, subscribeSyncEvents } from '../../../renderer/src/state/syncEvents.ts';
import { useSyncStore } from '../../../renderer/src/state/syncSlice.ts';

const run = (state: SyncProgress['state'], inserted: number): SyncProgress => ({
  tenantId: 4,
  connectionId: 1,
  tenantName: 'acme',
  state,
  startedAt: 1,
  finishedAt: null,
  inserted,
  duplicates: 0,
  problems: 0,
  highWater: null,
  fraction: 0.5,
  note: null,
  error: null,
});

describe('server-sent events framing', () => {
  it('yields whole data payloads, skips comments, and keeps a partial block for later', () => {
    const { payloads, rest } = splitEventStream(': keep-alive\n\ndata: {"a":1}\n\ndata: {"b"');
    expect(payloads).toEqual(['{"a":1}']);
    expect(rest).toBe('data: {"b"');
    expect(splitEventStream(`${rest}:2}\n\n`).payloads).toEqual(['{"b":2}']);
  });
});

describe('progress subscription over fetch', () => {
  it('delivers contract-valid messages only, sends the token header, and stops on unsubscribe', async () => {
    window.sessionStorage.setItem('trailkeeper.token', 'tok-123');
    let headers: Record<string, string> = {};
    let signal: AbortSignal | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const enc = new TextEncoder();
        controller.enqueue(enc.encode(`data: ${JSON.stringify({ type: 'snapshot', runs: [] })}\n\n`));
        controller.enqueue(enc.encode('data: {"type":"progress","run":{"tenantId":"not a number"}}\n\n'));
        controller.enqueue(enc.encode(`data: ${JSON.stringify({ type: 'progress', run: run('running', 10) })}\n\n`));
      },
    });
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      headers = init.headers as Record<string, string>;
      signal = init.signal ?? undefined;
      return new Response(body, { status: 200 });
    }) as unknown as typeof fetch;
    const seen: unknown[] = [];
    const stop = subscribeSyncEvents((e) => seen.push(e), fetchImpl);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]).toEqual({ type: 'progress', run: run('running', 10) });
    expect(headers['x-trailkeeper-token']).toBe('tok-123');
    stop();
    expect(signal?.aborted).toBe(true);
  });

  it('the store keeps the newest progress per tenant', () => {
    useSyncStore.getState().applyEvent({ type: 'snapshot', runs: [run('queued', 0)] });
    useSyncStore.getState().applyEvent({ type: 'progress', run: run('running', 500) });
    expect(useSyncStore.getState().runs[4]).toMatchObject({ state: 'running', inserted: 500 });
  });
});
