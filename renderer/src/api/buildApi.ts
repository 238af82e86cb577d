/** Builds the typed API object from one untyped invoke function, one method per contract call. */
import { CALL_NAMES, type CallName, type CallOptions, type TrailkeeperApi } from '../../../common/contract.ts';

export type Invoke = (name: CallName, input: unknown, options?: CallOptions) => Promise<unknown>;

export function buildApi(invoke: Invoke): TrailkeeperApi {
  const methods = CALL_NAMES.map(
    (name) => [name, (input: unknown, options?: CallOptions) => invoke(name, input, options)] as const,
  );
  // Each method forwards its own call name, so the per-call types hold by construction.
  return Object.fromEntries(methods) as unknown as TrailkeeperApi;
}
