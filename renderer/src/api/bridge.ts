/**
 * The shape of `window.trailkeeper`, the object the Electron preload exposes: one function per
 * contract call, each resolving to a result envelope rather than throwing, because rejected
 * promises lose their error fields when they cross the context bridge.
 */
import type { ApiErrorShape, CallInput, CallName, CallOutput } from '../../../preload/contract.ts';

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export type TrailkeeperBridge = {
  [K in CallName]: (input: CallInput<K>) => Promise<BridgeResult<CallOutput<K>>>;
};

declare global {
  interface Window {
    /** Present only inside Electron; in a browser the renderer talks HTTP instead. */
    trailkeeper?: TrailkeeperBridge;
  }
}
