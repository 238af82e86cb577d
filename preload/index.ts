/**
 * The border between the page and the main process: one global, `window.trailkeeper`, with one
 * function per contract call plus `cancel`, and nothing else (no generic invoke or send). Each
 * function invokes the call's prefixed channel and resolves to the envelope the IPC router
 * sends; the router never throws across IPC, because Electron would flatten the error.
 *
 * A sandboxed preload can `require` only 'electron': the call names come from
 * common/call-names.ts, which imports nothing and is bundled into this file.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_GLOBAL, CALL_NAMES, CANCEL_CHANNEL, DROP_CHANNEL, EVENTS_CHANNEL, IPC_PREFIX, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from '../common/call-names.ts';
import type { TrailkeeperBridge } from '../common/contract.ts';

function buildBridge(): TrailkeeperBridge {
  const bridge: Record<string, (...args: never[]) => unknown> = {};
  for (const name of CALL_NAMES) {
    // Only the input and a numeric call id cross: nothing else the page passes reaches main.
    bridge[name] = (input: unknown, callId: unknown) =>
      ipcRenderer.invoke(IPC_PREFIX + name, input, typeof callId === 'number' ? callId : null);
  }
  bridge.cancel = (callId: unknown) => {
    if (typeof callId === 'number') ipcRenderer.send(CANCEL_CHANNEL, callId);
  };
  // Sync progress: one main-process subscription per page, fanned out to the page's listeners.
  // Only the message reaches a listener, never the IPC event (it would expose the sender).
  const listeners = new Set<(message: unknown) => void>();
  ipcRenderer.on(EVENTS_CHANNEL, (_event, message: unknown) => listeners.forEach((l) => l(message)));
  bridge.subscribe = (listener: unknown) => {
    if (typeof listener !== 'function') return () => {};
    const l = listener as (message: unknown) => void;
    listeners.add(l);
    if (listeners.size === 1) ipcRenderer.send(SUBSCRIBE_CHANNEL);
    return () => {
      if (listeners.delete(l) && listeners.size === 0) ipcRenderer.send(UNSUBSCRIBE_CHANNEL);
    };
  };
  // Drag-and-drop: each dropped File's own path goes to main, which answers an id for
  // imports.dropped. A File the page made up has no path (''), and main refuses the drop.
  bridge.registerDrop = (files: unknown) => {
    const list = Array.from((files ?? []) as ArrayLike<unknown>);
    const paths = list.map((file) => (file instanceof File ? webUtils.getPathForFile(file) : ''));
    return ipcRenderer.invoke(DROP_CHANNEL, paths);
  };
  return Object.freeze(bridge) as unknown as TrailkeeperBridge;
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildBridge());
