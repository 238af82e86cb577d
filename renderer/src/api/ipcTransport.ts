/** Electron transport: calls the preload bridge and unwraps its result envelope. */
import type { TrailkeeperApi } from '../../../preload/contract.ts';
import { ApiClientError } from './ApiClientError.ts';
import type { BridgeResult, TrailkeeperBridge } from './bridge.ts';
import { buildApi } from './buildApi.ts';

export function createIpcApi(bridge: TrailkeeperBridge): TrailkeeperApi {
  return buildApi(async (name, input) => {
    const call = bridge[name] as (input: unknown) => Promise<BridgeResult<unknown>>;
    let result: BridgeResult<unknown>;
    try {
      result = await call(input);
    } catch (error) {
      throw ApiClientError.from(error);
    }
    if (!result.ok) throw new ApiClientError(result.error);
    return result.value;
  });
}
