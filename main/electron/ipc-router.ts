/**
 * The one validating wrapper over `ipcMain`: one `handle` per contract call, and before any
 * handler runs, a check that the sender is the app's own top frame. Electron is only a type
 * import here; `index.ts` passes the real `ipcMain`, tests pass a fake.
 *
 * Nothing is thrown across IPC (Electron would flatten it into a string): every reply is an
 * envelope, `{ ok: true, value }` or `{ ok: false, error: ApiErrorShape }`.
 *
 * Cancellation: each call carries a page-chosen numeric id; a message on CANCEL_CHANNEL with
 * that id (from the same sender, after the same frame check) aborts the call's signal, which
 * stops its store read exactly as a closed HTTP request does.
 */
import type { WebFrameMain } from 'electron';
import { CALL_NAMES, CANCEL_CHANNEL, IPC_PREFIX, type ApiErrorShape, type BridgeResult } from '../../common/contract.ts';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import { checkSender, type SenderFacts } from './trusted-url.ts';

type FrameFacts = Pick<WebFrameMain, 'url' | 'detached' | 'frameToken'>;

/** The parts of an `IpcMainInvokeEvent` the router reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameFacts | null;
  readonly sender: { readonly mainFrame: FrameFacts };
}

/** The parts of `ipcMain` the router uses; the real one fits, which `index.ts` proves by compiling. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => void): unknown;
};

/** The calls in flight per sender (a webContents), by the page's call id. */
type InFlight = WeakMap<object, Map<number, AbortController>>;

const validCallId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

export interface RouterLog {
  warn(message: string): void;
  error(message: string, error: unknown): void;
}

export const UNAUTHORIZED_MESSAGE = 'This window is not allowed to use the Trailkeeper API.';
export const INTERNAL_MESSAGE = 'Trailkeeper hit an unexpected error; the details are in its log.';

/**
 * Reads what `checkSender` needs. A frame that was disposed or navigated away throws or reports
 * `detached` on access; both count as "no frame". Top frame is compared by identity and, in case
 * Electron hands out a fresh wrapper object, by its frame token.
 */
export function senderFacts(event: InvokeEventLike): SenderFacts {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame.detached) return { frameUrl: null, isTopFrame: false };
    const mainFrame = event.sender.mainFrame;
    const isTopFrame = frame === mainFrame || frame.frameToken === mainFrame.frameToken;
    return { frameUrl: frame.url, isTopFrame };
  } catch {
    return { frameUrl: null, isTopFrame: false };
  }
}

/** Checks the sender, runs the call, and turns every outcome into an envelope. */
export async function answerCall(
  handlers: Handlers,
  name: string,
  event: InvokeEventLike,
  input: unknown,
  log: RouterLog,
  signal?: AbortSignal,
): Promise<BridgeResult<unknown>> {
  const verdict = checkSender(senderFacts(event));
  if (!verdict.ok) {
    log.warn(`Refused IPC call "${name}": ${verdict.reason}.`);
    return { ok: false, error: { code: 'unauthorized', message: UNAUTHORIZED_MESSAGE } };
  }
  try {
    return { ok: true, value: await dispatch(handlers, name, input, signal ? { signal } : {}) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
    log.error(`IPC call "${name}" failed unexpectedly:`, error);
    const internal: ApiErrorShape = { code: 'internal', message: INTERNAL_MESSAGE };
    return { ok: false, error: internal };
  }
}

/** Registers one handler per contract call and the cancel listener; returns their removal. */
export function registerIpcRouter(ipc: IpcMainLike, handlers: Handlers, log: RouterLog = console): () => void {
  const inFlight: InFlight = new WeakMap();
  const channels = CALL_NAMES.map((name) => {
    const channel = IPC_PREFIX + name;
    // The input and the call id are read; anything else the page sends is ignored.
    ipc.handle(channel, async (event, input, callId) => {
      if (!validCallId(callId)) return answerCall(handlers, name, event, input, log);
      const calls = inFlight.get(event.sender) ?? new Map<number, AbortController>();
      inFlight.set(event.sender, calls);
      const abort = new AbortController();
      calls.set(callId, abort);
      try {
        return await answerCall(handlers, name, event, input, log, abort.signal);
      } finally {
        calls.delete(callId);
      }
    });
    return channel;
  });
  const onCancel = (event: InvokeEventLike, callId: unknown) => {
    const verdict = checkSender(senderFacts(event));
    if (!verdict.ok) return log.warn(`Refused IPC cancel: ${verdict.reason}.`);
    if (validCallId(callId)) inFlight.get(event.sender)?.get(callId)?.abort();
  };
  ipc.on(CANCEL_CHANNEL, onCancel);
  return () => {
    channels.forEach((channel) => ipc.removeHandler(channel));
    ipc.removeListener(CANCEL_CHANNEL, onCancel);
  };
}
