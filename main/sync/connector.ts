/**
 * What a remote audit source looks like to the sync engine (docs/design.md, "Sync"). One file per
 * source kind in ./connectors implements this; the engine (./engine.ts) drives them, commits
 * each batch with its checkpoint in one store transaction, and never knows a protocol.
 *
 * Secrets never travel inside these objects' persisted parts: `credentials` is handed in at call
 * time from the key store and must never be logged, thrown, or stored.
 */
import type { NormalizedEvent } from '../domain/event.ts';

/** A configured remote account, as stored in `connections` (no secret in here). */
export interface ConnectionConfig {
  id: number;
  kind: ConnectorKind;
  label: string;
  /** e.g. https://acme.okta.com, https://api.github.com, https://graph.microsoft.com */
  baseUrl: string;
  /** Kind-specific, non-secret options (org name, enterprise slug, Entra tenant id, client id, …). */
  options: Record<string, unknown>;
}

/** The secret for a connection, read from the key store just before use. */
export interface Credentials {
  /** API token, bearer token or OAuth client secret, depending on the kind. */
  secret: string;
  /** How `secret` is presented, where the kind allows several (Okta: 'ssws' | 'bearer'). */
  scheme?: string;
}

/** One audit source under a connection: an Okta org, a GitHub org, an MSP customer, … */
export interface RemoteTenant {
  /** Stable id on the remote side; (connection, externalId) is unique locally. */
  externalId: string;
  name: string;
  /** The normaliser its events go through (main/ingest/sources). */
  sourceKind: string;
  /** Non-secret facts the connector needs to pull this tenant (slug, org, role, …). */
  options?: Record<string, unknown>;
}

/** Where a tenant's sync stands; committed with each batch, in the same transaction. */
export interface SyncCheckpoint {
  /** Opaque to the engine: a next-link, a cursor, or null to start from `since`. */
  cursor: string | null;
  /** Newest event time (UTC ms) committed so far; the overlap window re-reads behind it. */
  highWater: number | null;
}

/**
 * A page of events and the checkpoint that is true once they are committed. `events` may be
 * empty: the last batch of a run often only moves the checkpoint (cursor back to null, so the
 * next run re-reads the overlap window from `highWater`).
 */
export interface PulledBatch {
  events: NormalizedEvent[];
  checkpoint: SyncCheckpoint;
  /** Records the connector could not normalise: counted and reported, never silently dropped. */
  problems?: { position: string; message: string }[];
  /** Set when an id was derived from the raw bytes because the record had none of its own. */
  derivedIds?: number;
}

export interface PullContext {
  signal: AbortSignal;
  credentials: Credentials;
  /** Start of history when there is no checkpoint yet (UTC ms). */
  since: number;
  /** How far behind the high-water mark to re-read for late events (ms). */
  overlapMs: number;
  /** HTTP access: proxy, CA and TLS verification are decided once, by the engine (./http.ts). */
  fetch: typeof fetch;
  /** Report waiting on a rate limit, so the UI can say why nothing moves. */
  onWait?: (ms: number, reason: string) => void;
  /** Time and waiting; the real clock when absent. Tests pass a fake one that never sleeps. */
  clock?: SyncClock;
}

/** What connectors read the time from and wait with (rate limits), so tests need no wall clock. */
export interface SyncClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface Connector {
  kind: ConnectorKind;
  /** Checks the credentials and the base URL; throws a SyncError with a sentence a user can act on. */
  test(conn: ConnectionConfig, ctx: Omit<PullContext, 'since' | 'overlapMs'>): Promise<{ ok: true; detail: string }>;
  /** Connections that hold several tenants (MSP, enterprise) list them; others have exactly one. */
  listTenants(conn: ConnectionConfig, ctx: Omit<PullContext, 'since' | 'overlapMs'>): Promise<RemoteTenant[]>;
  /** Yields batches in order from the checkpoint; returns when caught up. */
  pull(conn: ConnectionConfig, tenant: RemoteTenant, checkpoint: SyncCheckpoint | null, ctx: PullContext): AsyncIterable<PulledBatch>;
}

export type ConnectorKind = 'okta' | 'github' | 'entra' | 'portal' | 'msp';

/**
 * A failure a user can act on: `message` is one sentence that names the source and what to do
 * ("Okta refused the API token (401): check it in Connections."). Never contains a secret.
 * `retryable` failures (429, 5xx, dropped connections) are retried by the engine with backoff.
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly retryable: boolean;
  readonly status: number | undefined;
  /** Milliseconds the source asked us to wait (Retry-After, X-Rate-Limit-Reset). */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, opts: { retryable?: boolean; status?: number; retryAfterMs?: number } = {}) {
    super(message);
    this.retryable = opts.retryable ?? false;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}
