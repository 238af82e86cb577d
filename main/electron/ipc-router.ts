/**
 * The one validating wrapper over `ipcMain`: one `handle` per contract call, and before any
 * handler runs, a check that the sender is the app's own top frame. Electron is only a type
 * import here; `index.ts` passes the real `ipcMain`, tests pass a fake.
 *
 * Nothing is thrown across IPC (Electron would flatten it into a string): every reply is an
 * envelope, `{ ok: true, value }` or `{ ok: false, error: ApiErrorShape }`.
 */
import type { WebFrameMain } from 'electron';
import { CALL_NAMES, IPC_PREFIX, type ApiErrorShape, type BridgeResult } from '../../preload/contract.ts';
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
};

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
): Promise<BridgeResult<unknown>> {
  const verdict = checkSender(senderFacts(event));
  if (!verdict.ok) {
    log.warn(`Refused IPC call "${name}": ${verdict.reason}.`);
    return { ok: false, error: { code: 'unauthorized', message: UNAUTHORIZED_MESSAGE } };
  }
  try {
    return { ok: true, value: await dispatch(handlers, name, input) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
    log.error(`IPC call "${name}" failed unexpectedly:`, error);
    const internal: ApiErrorShape = { code: 'internal', message: INTERNAL_MESSAGE };
    return { ok: false, error: internal };
  }
}

/** Registers one handler per contract call; returns a function that removes them again. */
export function registerIpcRouter(ipc: IpcMainLike, handlers: Handlers, log: RouterLog = console): () => void {
  const channels = CALL_NAMES.map((name) => {
    const channel = IPC_PREFIX + name;
    // Only the first argument is the call's input; anything else the page sends is ignored.
    ipc.handle(channel, (event, input) => answerCall(handlers, name, event, input, log));
    return channel;
  });
  return () => channels.forEach((channel) => ipc.removeHandler(channel));
}
