/**
 * The renderer's one API object. Inside Electron the preload bridge exists and calls go over
 * IPC; otherwise the page was served by the loopback HTTP host and calls go over fetch. Nothing
 * else in the renderer knows which transport it has.
 */
import type { TrailkeeperApi } from '../../../common/contract.ts';
import { createHttpApi } from './httpTransport.ts';
import { createIpcApi } from './ipcTransport.ts';
import { takeSessionToken } from './sessionToken.ts';

export { ApiClientError } from './ApiClientError.ts';

export type TransportKind = 'ipc' | 'http';

function pickTransport(): { kind: TransportKind; api: TrailkeeperApi } {
  const bridge = window.trailkeeper;
  if (bridge) return { kind: 'ipc', api: createIpcApi(bridge) };
  return { kind: 'http', api: createHttpApi(takeSessionToken()) };
}

const chosen = pickTransport();

export const transportKind: TransportKind = chosen.kind;
export const api: TrailkeeperApi = chosen.api;
