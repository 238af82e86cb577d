import { afterAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, CANCEL_CHANNEL, IPC_PREFIX } from '../../../common/contract.ts';
import { CancelledError, StoreHost, type RunOptions } from '../../../main/store-host/store-host.ts';
import { toApiError } from '../../../main/api/store-errors.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';
import type { Handlers } from '../../../main/api/dispatch.ts';
import { ApiError } from '../../../main/api/errors.ts';
import {
  answerCall,
  INTERNAL_MESSAGE,
  registerIpcRouter,
  senderFacts,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../main/electron/ipc-router.ts';

const APP_PAGE = 'app://trailkeeper/index.html';

function frame(url: string, frameToken: string, detached = false) {
  return { url, frameToken, detached };
}

/** An invoke event from the window's top frame at `url`. */
function topFrameEvent(url = APP_PAGE): InvokeEventLike {
  const main = frame(url, 'main');
  return { senderFrame: main, sender: { mainFrame: main } };
}

/** An invoke event from an iframe inside an app page. */
function subframeEvent(url: string): InvokeEventLike {
  return { senderFrame: frame(url, 'child'), sender: { mainFrame: frame(APP_PAGE, 'main') } };
}

/** Contract-valid answers (dispatch checks outputs too). */
const OUTPUT: Record<string, unknown> = {
  'tenants.list': { tenants: [], groups: ['customers'] },
  'app.info': { version: '1.0.0', workspacePath: '/w', transport: 'ipc', eventCount: 0, fullTextPending: 0, demoLoad: null },
};

function recordingHandlers() {
  const ran: string[] = [];
  const inputs: unknown[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, name: string) => async (input: unknown) => {
      ran.push(name);
      if (name === 'events.get') throw new ApiError('not_found', 'There is no event 7.');
      if (name === 'events.count') throw new Error('SQLITE_CORRUPT: secret path /home/x/ws.trailkeeper');
      inputs.push(input);
      return OUTPUT[name];
    },
  });
  return { handlers, ran, inputs };
}

function quietLog() {
  return { warn: vi.fn(), error: vi.fn() };
}

describe('senderFacts', () => {
  it('reads the top frame by identity', () => {
    expect(senderFacts(topFrameEvent())).toEqual({ frameUrl: APP_PAGE, isTopFrame: true });
  });

  it('reads the top frame by frame token when Electron hands out a fresh wrapper', () => {
    const event = { senderFrame: frame(APP_PAGE, 'main'), sender: { mainFrame: frame(APP_PAGE, 'main') } };
    expect(senderFacts(event).isTopFrame).toBe(true);
  });

  it('reports a subframe', () => {
    expect(senderFacts(subframeEvent(APP_PAGE))).toEqual({ frameUrl: APP_PAGE, isTopFrame: false });
  });

  it('treats a missing, detached or disposed frame as no frame', () => {
    const main = frame(APP_PAGE, 'main');
    expect(senderFacts({ senderFrame: null, sender: { mainFrame: main } }).frameUrl).toBeNull();
    const detached = frame(APP_PAGE, 'main', true);
    expect(senderFacts({ senderFrame: detached, sender: { mainFrame: detached } }).frameUrl).toBeNull();
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      frameToken: 'main',
      detached: false,
    };
    expect(senderFacts({ senderFrame: disposed, sender: { mainFrame: disposed } })).toEqual({
      frameUrl: null,
      isTopFrame: false,
    });
  });
});

describe('answerCall', () => {
  const input = {};

  it.each([
    ['a subframe on the app origin', subframeEvent(APP_PAGE)],
    ['a foreign top frame', topFrameEvent('https://evil.example/')],
    ['a file:// top frame', topFrameEvent('file:///tmp/x.html')],
    ['another app:// host', topFrameEvent('app://other/index.html')],
    ['a look-alike host', topFrameEvent('app://trailkeeper.evil/index.html')],
    ['a missing frame', { senderFrame: null, sender: { mainFrame: frame(APP_PAGE, 'main') } }],
  ])('refuses %s with unauthorized, and the handler never runs', async (_label, event) => {
    const { handlers, ran } = recordingHandlers();
    const log = quietLog();
    const reply = await answerCall(handlers, 'app.info', event, input, log);
    expect(reply).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } });
    expect(ran).toEqual([]);
    expect(log.warn).toHaveBeenCalledOnce();
  });

  it("runs the handler for the app's top frame and wraps its value", async () => {
    const { handlers, ran } = recordingHandlers();
    const reply = await answerCall(handlers, 'tenants.list', topFrameEvent(), input, quietLog());
    expect(reply).toEqual({ ok: true, value: OUTPUT['tenants.list'] });
    expect(ran).toEqual(['tenants.list']);
  });

  it('returns invalid input as an envelope, without running the handler', async () => {
    const { handlers, ran } = recordingHandlers();
    const reply = await answerCall(handlers, 'events.get', topFrameEvent(), { id: -1 }, quietLog());
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input', field: 'id' }) });
    expect(ran).toEqual([]);
  });

  it('returns an ApiError as its JSON', async () => {
    const { handlers } = recordingHandlers();
    const reply = await answerCall(handlers, 'events.get', topFrameEvent(), { id: 7 }, quietLog());
    expect(reply).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no event 7.' } });
  });

  it('hides any other error behind a generic sentence and logs the real one', async () => {
    const { handlers } = recordingHandlers();
    const log = quietLog();
    const view = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };
    const reply = await answerCall(handlers, 'events.count', topFrameEvent(), { view }, log);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } });
    expect(JSON.stringify(reply)).not.toContain('SQLITE_CORRUPT');
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('events.count'), expect.any(Error));
  });
});

describe('registerIpcRouter', () => {
  function fakeIpcMain() {
    const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    const messageListeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => void>();
    const ipc: IpcMainLike = {
      handle: (channel, listener) => {
        if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
        listeners.set(channel, listener);
      },
      removeHandler: (channel) => {
        listeners.delete(channel);
      },
      on: (channel, listener) => messageListeners.set(channel, listener),
      removeListener: (channel, listener) => {
        if (messageListeners.get(channel) === listener) messageListeners.delete(channel);
      },
    };
    return { ipc, listeners, messageListeners };
  }

  it('registers exactly one prefixed channel per contract call and the cancel channel, and removes them again', () => {
    const { ipc, listeners, messageListeners } = fakeIpcMain();
    const unregister = registerIpcRouter(ipc, recordingHandlers().handlers, quietLog());
    expect([...listeners.keys()].sort()).toEqual(CALL_NAMES.map((name) => IPC_PREFIX + name).sort());
    expect([...messageListeners.keys()]).toEqual([CANCEL_CHANNEL]);
    unregister();
    expect(listeners.size).toBe(0);
    expect(messageListeners.size).toBe(0);
  });

  describe('cancellation over IPC', () => {
    let host: StoreHost | undefined;
    afterAll(async () => {
      await host?.close();
      removeTempDirs();
    });

    /** Handlers whose events.count is a slow read in a real store worker, stopped only by its signal. */
    async function slowReadHandlers() {
      host ??= await StoreHost.open({
        workspacePath: tempWorkspacePath(),
        workerUrl: new URL('../../support/test-store-worker.ts', import.meta.url),
        readers: 1,
      });
      const store = host;
      const spin = (ms: number, opts: RunOptions) =>
        (store.read as unknown as (op: string, args: unknown, o?: RunOptions) => Promise<unknown>)('spin', { ms }, opts);
      const reads: Promise<unknown>[] = [];
      const handlers = new Proxy({} as Handlers, {
        get: (_target, name: string) => async (_input: unknown, ctx: { signal?: AbortSignal }) => {
          if (name !== 'events.count') return OUTPUT[name];
          const read = spin(30_000, ctx.signal ? { signal: ctx.signal } : {});
          reads.push(read.catch((e: unknown) => e));
          return read.then(() => ({ count: 1, tookMs: 1 })).catch((e: unknown) => Promise.reject(toApiError(e)));
        },
      });
      return { handlers, reads, store };
    }

    const view = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };

    it('a cancel from the same sender stops the read in the worker, and the next read runs at once', async () => {
      const { ipc, listeners, messageListeners } = fakeIpcMain();
      const { handlers, reads, store } = await slowReadHandlers();
      registerIpcRouter(ipc, handlers, quietLog());
      const event = topFrameEvent();
      const started = performance.now();
      const reply = listeners.get(`${IPC_PREFIX}events.count`)!(event, { view }, 41);
      await vi.waitFor(() => expect(reads.length).toBe(1));
      messageListeners.get(CANCEL_CHANNEL)!(event, 41);
      expect(await reply).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(await reads[0]).toBeInstanceOf(CancelledError);
      expect(performance.now() - started).toBeLessThan(5_000);
      // The worker that ran the read was replaced: a plain read answers, not after 30 s.
      expect(await store.read('totalEvents', undefined)).toBe(0);
    });

    it('ignores a cancel from a foreign frame or for another call id', async () => {
      const { ipc, listeners, messageListeners } = fakeIpcMain();
      const { handlers, reads } = await slowReadHandlers();
      const log = quietLog();
      registerIpcRouter(ipc, handlers, log);
      const event = topFrameEvent();
      const before = reads.length;
      const reply = listeners.get(`${IPC_PREFIX}events.count`)!(event, { view }, 7);
      await vi.waitFor(() => expect(reads.length).toBe(before + 1));
      messageListeners.get(CANCEL_CHANNEL)!(topFrameEvent('https://evil.example/'), 7);
      messageListeners.get(CANCEL_CHANNEL)!(event, 8);
      expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('Refused IPC cancel'));
      const outcome = await Promise.race([reply.then(() => 'settled'), new Promise((r) => setTimeout(() => r('running'), 300))]);
      expect(outcome).toBe('running');
      messageListeners.get(CANCEL_CHANNEL)!(event, 7);
      expect(await reply).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    });
  });

  it('checks the sender on every channel and passes only the first argument on', async () => {
    const { ipc, listeners } = fakeIpcMain();
    const { handlers, ran, inputs } = recordingHandlers();
    registerIpcRouter(ipc, handlers, quietLog());
    const listener = listeners.get(`${IPC_PREFIX}app.info`)!;
    expect(await listener(topFrameEvent('https://evil.example/'), {})).toMatchObject({ ok: false });
    expect(ran).toEqual([]);
    expect(await listener(topFrameEvent(), {}, 'extra', 'args')).toEqual({ ok: true, value: OUTPUT['app.info'] });
    expect(ran).toEqual(['app.info']);
    expect(inputs).toEqual([{}]);
  });
});
