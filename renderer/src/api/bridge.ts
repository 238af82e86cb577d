/** Declares `window.trailkeeper`, the bridge the Electron preload exposes (see the contract). */
import type { TrailkeeperBridge } from '../../../common/contract.ts';

export type { BridgeResult, TrailkeeperBridge } from '../../../common/contract.ts';

declare global {
  interface Window {
    /** Present only inside Electron; in a browser the renderer talks HTTP instead. */
    trailkeeper?: TrailkeeperBridge;
  }
}
