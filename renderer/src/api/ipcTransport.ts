/**
 * Electron transport: calls the preload bridge and unwraps its result envelope. Each call gets
 * an id; aborting its signal sends `cancel(id)`, so the main process stops the work (a stale
 * query does not run to the end) and the promise rejects at once as cancelled.
 */
import type { TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from './ApiClientError.ts';
import type { BridgeResult, TrailkeeperBridge } from './bridge.ts';
import { buildApi } from './buildApi.ts';

const cancelled = () => new ApiClientError({ code: 'cancelled', message: 'The request was cancelled.' });

export function createIpcApi(bridge: TrailkeeperBridge): TrailkeeperApi {
  let nextCallId = 1;
  return buildApi(async (name, input, options) => {
    const signal = options?.signal;
    if (signal?.aborted) throw cancelled();
    const callId = nextCallId++;
    const call = bridge[name] as (input: unknown, callId: number) => Promise<BridgeResult<unknown>>;
    const onAbort = () => bridge.cancel(callId);
    signal?.addEventListener('abort', onAbort, { once: true });
    let result: BridgeResult<unknown>;
    try {
      result = await call(input, callId);
    } catch (error) {
      throw ApiClientError.from(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) throw cancelled();
    if (!result.ok) throw new ApiClientError(result.error);
    return result.value;
  });
}
