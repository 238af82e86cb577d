/** The preload's sync subscription: one main-process subscription per page, only the message crosses. */
import { describe, expect, it, vi } from 'vitest';
import { EVENTS_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from '../../common/call-names.ts';

const electron = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  sent: [] as unknown[][],
  handlers: new Map<string, (event: unknown, message: unknown) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_key: string, api: Record<string, unknown>) => (electron.exposed = api) },
  ipcRenderer: {
    invoke: async () => ({ ok: true, value: null }),
    send: (...args: unknown[]) => electron.sent.push(args),
    on: (channel: string, l: (event: unknown, message: unknown) => void) => electron.handlers.set(channel, l),
  },
  webUtils: { getPathForFile: () => '' },
}));

await import('../../preload/index.ts');

describe('preload subscribe', () => {
  it('subscribes once for many listeners, hands them the message only, and unsubscribes after the last', () => {
    const subscribe = electron.exposed.subscribe as (l: (m: unknown) => void) => () => void;
    const a: unknown[][] = [];
    const b: unknown[][] = [];
    const stopA = subscribe((...args) => a.push(args));
    const stopB = subscribe((...args) => b.push(args));
    expect(electron.sent).toEqual([[SUBSCRIBE_CHANNEL]]);
    electron.handlers.get(EVENTS_CHANNEL)!({ sender: 'the IPC event' }, { type: 'snapshot', runs: [] });
    expect(a).toEqual([[{ type: 'snapshot', runs: [] }]]);
    expect(b).toEqual(a);
    stopA();
    expect(electron.sent).toHaveLength(1);
    stopB();
    stopB();
    expect(electron.sent).toEqual([[SUBSCRIBE_CHANNEL], [UNSUBSCRIBE_CHANNEL]]);
    expect(subscribe('not a function' as never)).toBeTypeOf('function');
    expect(electron.sent).toHaveLength(2);
  });
});
