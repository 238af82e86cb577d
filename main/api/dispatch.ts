/**
 * The transport-agnostic entry: validate input against the contract, run the handler, validate
 * the output. Both the IPC router and the HTTP host call only this.
 */
import type { z } from 'zod';
import { calls, type CallInput, type CallName, type CallOutput } from '../../common/contract.ts';
import { ApiError } from './errors.ts';

/** Per-call context: the signal fires when the caller goes away (closed request, stale view). */
export interface CallContext {
  signal?: AbortSignal;
}

export type Handlers = {
  [K in CallName]: (input: z.output<(typeof calls)[K]['input']>, ctx: CallContext) => Promise<CallOutput<K>>;
};

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}

function fieldPath(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map(String).join('.') : '(input)';
}

export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, ctx: CallContext = {}): Promise<unknown> {
  if (!isCallName(name)) throw new ApiError('not_found', `There is no API call named "${name}".`);
  const parsed = calls[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? fieldPath(issue) : '(input)';
    throw new ApiError('invalid_input', `Invalid ${name} input at "${field}": ${issue?.message ?? 'invalid'}.`, { field });
  }
  const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
  const output = calls[name].output.safeParse(await handler(parsed.data, ctx));
  if (!output.success) {
    // A handler broke the contract: say so in the log, never hand the renderer a wrong shape.
    console.error(`[trailkeeper] ${name} returned output outside the contract:`, output.error.issues.slice(0, 3));
    throw new ApiError('internal', 'Trailkeeper hit an internal error; the details are in its log.');
  }
  return output.data;
}

export type { CallInput };
