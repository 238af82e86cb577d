/**
 * The border between the page and the main process: one global, `window.trailkeeper`, with one
 * function per contract call and nothing else (no generic invoke or send). Each function invokes
 * the call's prefixed channel and resolves to the envelope the IPC router sends; the router never
 * throws across IPC, because Electron would flatten the error into a bare string.
 *
 * A sandboxed preload can `require` only 'electron', so this file imports nothing else at run
 * time: the contract module would drag in zod, which electron-vite leaves external (a package
 * dependency) and the sandbox then cannot load.
 * The names are therefore listed here; the `Record<CallName, true>` type makes the list fail to
 * compile when it misses or invents a call, and a unit test checks it equals `CALL_NAMES`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { CallName, IPC_PREFIX as CONTRACT_PREFIX, TrailkeeperBridge } from './contract.ts';

export const BRIDGE_GLOBAL = 'trailkeeper';

/** Must equal the contract's prefix; the type only admits that exact string. */
export const PRELOAD_IPC_PREFIX: typeof CONTRACT_PREFIX = 'trailkeeper:';

const EXPOSED_CALLS: Record<CallName, true> = {
  'app.info': true,
  'tenants.list': true,
  'events.page': true,
  'events.get': true,
  'events.count': true,
  'events.histogram': true,
  'events.topValues': true,
  'integrity.verify': true,
};

export const PRELOAD_CALL_NAMES = Object.keys(EXPOSED_CALLS) as CallName[];

function buildBridge(): TrailkeeperBridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of PRELOAD_CALL_NAMES) {
    // One argument only: nothing else the page passes reaches the main process.
    bridge[name] = (input: unknown) => ipcRenderer.invoke(PRELOAD_IPC_PREFIX + name, input);
  }
  return Object.freeze(bridge) as unknown as TrailkeeperBridge;
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildBridge());
