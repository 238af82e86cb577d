/** The IPC sync subscription: a trusted page gets a snapshot then each change; others get nothing. */
import { describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from '../../../common/call-names.ts';
import type { SyncEvent, SyncProgress } from '../../../common/contract.ts';
import { registerSyncSubscriptions, type SubscribeEvent } from '../../../main/electron/subscriptions.ts';

const APP_PAGE = 'app://trailkeeper/index.html';

function fakeSource() {
  const listeners = new Set<(run: SyncProgress) => void>();
  return {
    listeners,
    snapshot: (): SyncProgress[] => [],
    subscribe(l: (run: SyncProgress) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (run: SyncProgress) => listeners.forEach((l) => l(run)),
  };
}

function fakeIpc() {
  const handlers = new Map<string, (event: SubscribeEvent) => void>();
  return {
    handlers,
    on: (channel: string, l: (event: SubscribeEvent) => void) => handlers.set(channel, l),
    removeListener: (channel: string) => handlers.delete(channel),
  };
}

function page(url = APP_PAGE) {
  const sent: { channel: string; message: SyncEvent }[] = [];
  let onDestroyed = () => {};
  const main = { url, frameToken: 'main', detached: false };
  const sender = {
    mainFrame: main,
    send: (channel: string, message: SyncEvent) => sent.push({ channel, message }),
    isDestroyed: () => false,
    once: (_e: 'destroyed', l: () => void) => (onDestroyed = l),
  };
  return { sent, destroy: () => onDestroyed(), event: { senderFrame: main, sender } as SubscribeEvent };
}

const run = (tenantId: number): SyncProgress => ({
  tenantId,
  connectionId: 1,
  tenantName: 't',
  state: 'running',
  startedAt: 1,
  finishedAt: null,
  inserted: 5,
  duplicates: 0,
  problems: 0,
  highWater: null,
  fraction: 0.5,
  note: null,
  error: null,
});

describe('IPC sync subscriptions', () => {
  it('sends a snapshot, then each progress, until the page unsubscribes', () => {
    const source = fakeSource();
    const ipc = fakeIpc();
    registerSyncSubscriptions(ipc, source, { warn: () => {} });
    const p = page();
    ipc.handlers.get(SUBSCRIBE_CHANNEL)!(p.event);
    source.emit(run(7));
    expect(p.sent).toEqual([
      { channel: EVENTS_CHANNEL, message: { type: 'snapshot', runs: [] } },
      { channel: EVENTS_CHANNEL, message: { type: 'progress', run: run(7) } },
    ]);
    ipc.handlers.get(UNSUBSCRIBE_CHANNEL)!(p.event);
    source.emit(run(8));
    expect(p.sent).toHaveLength(2);
    expect(source.listeners.size).toBe(0);
  });

  it('refuses a page that is not the app, and drops a destroyed one', () => {
    const source = fakeSource();
    const ipc = fakeIpc();
    const warnings: string[] = [];
    registerSyncSubscriptions(ipc, source, { warn: (m) => warnings.push(m) });
    const foreign = page('https://evil.example/');
    ipc.handlers.get(SUBSCRIBE_CHANNEL)!(foreign.event);
    expect(foreign.sent).toEqual([]);
    expect(warnings[0]).toMatch(/Refused IPC subscription/);

    const p = page();
    ipc.handlers.get(SUBSCRIBE_CHANNEL)!(p.event);
    expect(source.listeners.size).toBe(1);
    p.destroy();
    expect(source.listeners.size).toBe(0);
  });
});
