/**
 * A test stand-in for the sync engine: pulls one tenant to the end, "commits" each batch with its
 * checkpoint at once (as the store's transaction does), and after a retryable SyncError resumes
 * from the last committed checkpoint. The local set is source id → sha256 of the raw text; a
 * second copy of an id with other bytes is recorded as a conflict (the store would drop it).
 */
import { createHash } from 'node:crypto';
import { SyncError, type ConnectionConfig, type Connector, type Credentials, type PullContext, type RemoteTenant, type SyncCheckpoint, type SyncClock } from '../../../../main/sync/connector.ts';

export interface FakeClock extends SyncClock {
  waits: number[];
}

/** A clock that starts at `start` and moves only when someone sleeps on it. */
export function fakeClock(start: number): FakeClock {
  let t = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason;
      waits.push(ms);
      t += ms;
    },
  };
}

export interface LocalStore {
  events: Map<string, string>;
  checkpoint: SyncCheckpoint | null;
  batches: number;
  duplicates: number;
  conflicts: string[];
  derivedIds: number;
  problems: { position: string; message: string }[];
  retries: SyncError[];
}

export function emptyStore(): LocalStore {
  return { events: new Map(), checkpoint: null, batches: 0, duplicates: 0, conflicts: [], derivedIds: 0, problems: [], retries: [] };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface HarnessContext {
  credentials: Credentials;
  clock: SyncClock;
  since: number;
  overlapMs: number;
  onWait?: (ms: number, reason: string) => void;
}

export function pullContext(h: HarnessContext, signal: AbortSignal = new AbortController().signal): PullContext {
  return { signal, credentials: h.credentials, since: h.since, overlapMs: h.overlapMs, fetch: globalThis.fetch, clock: h.clock, onWait: h.onWait };
}

/** One sync run: pulls until caught up, retrying retryable failures from the last checkpoint. */
export async function syncRun(
  connector: Connector, conn: ConnectionConfig, tenant: RemoteTenant, h: HarnessContext, store: LocalStore, maxRetries = 500,
): Promise<LocalStore> {
  for (;;) {
    try {
      for await (const batch of connector.pull(conn, tenant, store.checkpoint, pullContext(h))) {
        for (const e of batch.events) {
          const hash = sha256(e.raw);
          const had = store.events.get(e.sourceId);
          if (had === undefined) store.events.set(e.sourceId, hash);
          else if (had === hash) store.duplicates++;
          else store.conflicts.push(e.sourceId);
        }
        store.checkpoint = batch.checkpoint;
        store.batches++;
        store.derivedIds += batch.derivedIds ?? 0;
        store.problems.push(...(batch.problems ?? []));
      }
      return store;
    } catch (err) {
      if (err instanceof SyncError && err.retryable && store.retries.length < maxRetries) {
        store.retries.push(err);
        continue;
      }
      throw err;
    }
  }
}

/** The ids in `expected` that are missing from `actual` or differ in their raw hash, and the extras. */
export function difference(expected: Map<string, string>, actual: Map<string, string>): { missing: string[]; wrongHash: string[]; extra: string[] } {
  const missing: string[] = [];
  const wrongHash: string[] = [];
  for (const [id, hash] of expected) {
    const got = actual.get(id);
    if (got === undefined) missing.push(id);
    else if (got !== hash) wrongHash.push(id);
  }
  const extra = [...actual.keys()].filter((id) => !expected.has(id));
  return { missing, wrongHash, extra };
}

/** Runs a pull expecting a SyncError, and returns it. */
export async function pullError(connector: Connector, conn: ConnectionConfig, tenant: RemoteTenant, h: HarnessContext): Promise<SyncError> {
  try {
    for await (const _ of connector.pull(conn, tenant, null, pullContext(h))) {
      // drain
    }
  } catch (err) {
    if (err instanceof SyncError) return err;
    throw err;
  }
  throw new Error('expected the pull to fail');
}
