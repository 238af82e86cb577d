/**
 * The IPC side of the sync progress subscription. A page sends SUBSCRIBE_CHANNEL (after the same
 * sender check as every call) and then receives each message on EVENTS_CHANNEL: a snapshot first,
 * then every progress change, until it sends UNSUBSCRIBE_CHANNEL or its webContents goes away.
 * Electron is only a type import here; index.ts passes the real `ipcMain`, tests a fake.
 */
import { EVENTS_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from '../../common/call-names.ts';
import type { SyncEvent, SyncProgress } from '../../common/contract.ts';
import { senderFacts, type InvokeEventLike } from './ipc-router.ts';
import { checkSender } from './trusted-url.ts';

export interface SyncEventSourceLike {
  subscribe(listener: (run: SyncProgress) => void): () => void;
  snapshot(): SyncProgress[];
}

/** The parts of a webContents this needs. */
export interface SubscriberLike {
  send(channel: string, message: SyncEvent): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export type SubscribeEvent = InvokeEventLike & { readonly sender: InvokeEventLike['sender'] & SubscriberLike };

export interface IpcOnLike {
  on(channel: string, listener: (event: SubscribeEvent) => void): unknown;
  removeListener(channel: string, listener: (event: SubscribeEvent) => void): unknown;
}

export function registerSyncSubscriptions(ipc: IpcOnLike, source: SyncEventSourceLike, log: { warn(message: string): void } = console): () => void {
  const subscribers = new Map<SubscriberLike, () => void>();
  const drop = (sender: SubscriberLike) => {
    subscribers.get(sender)?.();
    subscribers.delete(sender);
  };
  const onSubscribe = (event: SubscribeEvent) => {
    const verdict = checkSender(senderFacts(event));
    if (!verdict.ok) return log.warn(`Refused IPC subscription: ${verdict.reason}.`);
    const sender = event.sender;
    if (subscribers.has(sender)) drop(sender);
    const send = (message: SyncEvent) => {
      if (sender.isDestroyed()) return drop(sender);
      sender.send(EVENTS_CHANNEL, message);
    };
    send({ type: 'snapshot', runs: source.snapshot() });
    subscribers.set(sender, source.subscribe((run) => send({ type: 'progress', run })));
    sender.once('destroyed', () => drop(sender));
  };
  const onUnsubscribe = (event: SubscribeEvent) => drop(event.sender);
  ipc.on(SUBSCRIBE_CHANNEL, onSubscribe);
  ipc.on(UNSUBSCRIBE_CHANNEL, onUnsubscribe);
  return () => {
    ipc.removeListener(SUBSCRIBE_CHANNEL, onSubscribe);
    ipc.removeListener(UNSUBSCRIBE_CHANNEL, onUnsubscribe);
    for (const sender of [...subscribers.keys()]) drop(sender);
  };
}
