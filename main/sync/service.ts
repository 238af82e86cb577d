/**
 * Everything the Connections screen asks for, over the store, the key store and the engine:
 * adding and testing connections (the secret goes to the key store, never SQLite), listing
 * their tenants from the remote, sync standing per tenant, and the engine's runs. Its replies
 * carry no secret: only `credentials()` reads one, and only the engine calls it.
 */
import type { Connection, KeyStoreState, SyncProgress, TenantSync } from '../../common/contract.ts';
import { connectionSecretKey, redact, type SecretStore } from '../secrets/secret-store.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import type { ConnectionConfig, ConnectorKind, Credentials, PullContext } from './connector.ts';
import { SyncError } from './connector.ts';
import { SyncEngine, type SyncEngineOptions } from './engine.ts';
import { connectorFor, type ConnectorRegistry } from './registry.ts';

export interface ConnectionDraft {
  kind: ConnectorKind;
  label: string;
  baseUrl: string;
  options: Record<string, unknown>;
  secret: string;
  scheme?: string | undefined;
}

export interface SyncServiceOptions {
  store: StoreHost;
  secrets: SecretStore;
  connectors: ConnectorRegistry;
  fetch: typeof fetch;
  engine?: Partial<Omit<SyncEngineOptions, 'store' | 'connectors' | 'credentials' | 'fetch'>>;
  now?: () => number;
}

/** Options that say how the secret is presented: kept with the connection, they are not secret. */
const SCHEME_OPTION = 'authScheme';

export class SyncService {
  readonly engine: SyncEngine;
  private readonly opts: SyncServiceOptions;
  private readonly now: () => number;

  constructor(opts: SyncServiceOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.engine = new SyncEngine({
      ...opts.engine,
      store: opts.store,
      connectors: opts.connectors,
      fetch: opts.fetch,
      credentials: (connectionId) => this.credentials(connectionId),
      // A scheduled run re-lists its connection's tenants first, as Sync now does.
      relist: async (connectionId) => {
        await this.refreshTenants(connectionId, new AbortController().signal);
      },
    });
  }

  keyStore(): KeyStoreState {
    return this.opts.secrets.state();
  }

  async unlock(passphrase: string): Promise<KeyStoreState> {
    await this.opts.secrets.unlock(passphrase);
    return this.keyStore();
  }

  /** The only reader of secrets: the engine, just before a pull. */
  private async credentials(connectionId: number): Promise<Credentials | null> {
    const secret = await this.opts.secrets.get(connectionSecretKey(connectionId));
    if (secret === null) return null;
    const conn = await this.opts.store.read('connection', { id: connectionId });
    const scheme = conn?.options[SCHEME_OPTION];
    return { secret, ...(typeof scheme === 'string' ? { scheme } : {}) };
  }

  private context(secret: string, scheme: string | undefined, signal: AbortSignal): Omit<PullContext, 'since' | 'overlapMs'> {
    return { signal, credentials: { secret, ...(scheme ? { scheme } : {}) }, fetch: this.opts.fetch };
  }

  /** A verdict, never a throw: ok with the connector's detail, or its sentence (secret scrubbed). */
  async test(target: { connectionId: number } | { draft: Omit<ConnectionDraft, 'label'> }, signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    let secret = '';
    try {
      let conn: ConnectionConfig;
      let scheme: string | undefined;
      if ('draft' in target) {
        const d = target.draft;
        secret = d.secret;
        scheme = d.scheme;
        conn = { id: 1, kind: d.kind, label: d.baseUrl, baseUrl: d.baseUrl, options: d.options };
      } else {
        const stored = await this.opts.store.read('connection', { id: target.connectionId });
        if (!stored) return { ok: false, message: `There is no connection with id ${target.connectionId}.` };
        const credentials = await this.credentials(target.connectionId);
        if (!credentials) return { ok: false, message: `No secret is stored for ${stored.label}: enter it again.` };
        secret = credentials.secret;
        scheme = credentials.scheme;
        conn = stored as ConnectionConfig;
      }
      const result = await connectorFor(this.opts.connectors, conn.kind).test(conn, this.context(secret, scheme, signal));
      return { ok: true, message: redact(result.detail, [secret]) };
    } catch (error) {
      return { ok: false, message: this.sentence(error, secret) };
    }
  }

  /** Saves the connection and its secret, then lists its tenants (a failure there keeps the connection). */
  async add(draft: ConnectionDraft, signal: AbortSignal): Promise<{ id: number; tenantsListed: number; message: string }> {
    const state = this.keyStore();
    if (!state.ready) {
      throw new SyncError(state.problem ?? 'The secrets file is locked: enter your passphrase first.');
    }
    const options = { ...draft.options, ...(draft.scheme ? { [SCHEME_OPTION]: draft.scheme } : {}) };
    const id = await this.opts.store.write('createConnection', { kind: draft.kind, label: draft.label, baseUrl: draft.baseUrl, options });
    await this.opts.secrets.set(connectionSecretKey(id), draft.secret);
    const listed = await this.refreshTenants(id, signal);
    return { id, ...listed };
  }

  async setSecret(connectionId: number, secret: string, scheme: string | undefined): Promise<void> {
    const conn = await this.opts.store.read('connection', { id: connectionId });
    if (!conn) throw new SyncError(`There is no connection with id ${connectionId}.`);
    await this.opts.secrets.set(connectionSecretKey(connectionId), secret);
    if (scheme) await this.opts.store.write('setConnectionOptions', { id: connectionId, options: { ...conn.options, [SCHEME_OPTION]: scheme } });
  }

  setGroups(tenantId: number, groups: string[]): Promise<void> {
    return this.opts.store.write('setTenantGroups', { tenantId, groups });
  }

  setInterval(tenantId: number, minutes: number | null): Promise<void> {
    return this.opts.store.write('setSyncInterval', { tenantId, minutes });
  }

  /** Asks the remote which tenants the connection holds and brings the local list in line. */
  async refreshTenants(connectionId: number, signal: AbortSignal): Promise<{ tenantsListed: number; message: string }> {
    const conn = await this.opts.store.read('connection', { id: connectionId });
    if (!conn) throw new SyncError(`There is no connection with id ${connectionId}.`);
    let secret = '';
    try {
      const credentials = await this.credentials(connectionId);
      if (!credentials) return { tenantsListed: 0, message: `No secret is stored for ${conn.label}: enter it again.` };
      secret = credentials.secret;
      const tenants = await connectorFor(this.opts.connectors, conn.kind).listTenants(
        conn as ConnectionConfig,
        this.context(secret, credentials.scheme, signal),
      );
      await this.opts.store.write('applyListedTenants', { connectionId, tenants });
      const names = tenants.map((t) => t.name);
      return {
        tenantsListed: tenants.length,
        message: tenants.length === 0 ? `${conn.label} lists no tenants.` : `${conn.label} lists ${tenants.length} tenant(s): ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}.`,
      };
    } catch (error) {
      return { tenantsListed: 0, message: this.sentence(error, secret) };
    }
  }

  /** Sync now: re-lists the connections' tenants first (new MSP customers join this run), then queues them. */
  async syncNow(filter: { connectionId?: number; tenantIds?: number[] }, signal: AbortSignal): Promise<number[]> {
    if (!filter.tenantIds) {
      const connections = await this.opts.store.read('connections', undefined);
      for (const c of connections) {
        if (c.baseUrl === '' || (filter.connectionId !== undefined && c.id !== filter.connectionId)) continue;
        if (!this.opts.connectors.has(c.kind)) continue;
        await this.refreshTenants(c.id, signal);
      }
    }
    return this.engine.start(filter);
  }

  async list(): Promise<{ connections: Connection[]; runs: SyncProgress[]; keyStore: KeyStoreState }> {
    const [connections, rows] = await Promise.all([this.opts.store.read('connections', undefined), this.opts.store.read('tenantSyncRows', {})]);
    const secrets = this.keyStore().ready ? this.opts.secrets : null;
    const now = this.now();
    const out: Connection[] = [];
    for (const c of connections) {
      if (c.kind === 'import' || c.baseUrl === '') continue; // file imports and the demo are not remote connections
      const tenants: TenantSync[] = rows
        .filter((r) => r.connectionId === c.id)
        .map((r) => ({
          tenantId: r.tenantId,
          externalId: r.externalId,
          name: r.name,
          groups: r.groups,
          eventCount: r.eventCount,
          lastSuccess: r.lastSuccess,
          lagMs: r.lastSuccess === null ? null : Math.max(0, now - r.lastSuccess),
          lastError: r.lastError,
          highWater: r.highWater,
          intervalMin: r.intervalMin,
          remoteListed: r.remoteListed,
          derivedIds: r.derivedIds,
        }));
      const { [SCHEME_OPTION]: _scheme, ...options } = c.options;
      out.push({
        id: c.id,
        kind: c.kind,
        label: c.label,
        baseUrl: c.baseUrl,
        options,
        hasSecret: secrets ? await secrets.has(connectionSecretKey(c.id)) : false,
        tenants,
      });
    }
    return { connections: out, runs: this.engine.snapshot(), keyStore: this.keyStore() };
  }

  async status(): Promise<{ runs: SyncProgress[]; running: number; failing: number; lastSuccess: number | null }> {
    const rows = await this.opts.store.read('tenantSyncRows', {});
    const runs = this.engine.snapshot();
    const synced = rows.filter((r) => r.lastRun !== null);
    const successes = synced.map((r) => r.lastSuccess).filter((t): t is number => t !== null);
    return {
      runs,
      running: runs.filter((r) => r.state === 'queued' || r.state === 'running' || r.state === 'waiting').length,
      failing: synced.filter((r) => r.lastError !== null).length,
      lastSuccess: successes.length ? Math.max(...successes) : null,
    };
  }

  /** Starts the engine: closes runs a crash left open, then checks intervals every minute. */
  async start(): Promise<void> {
    await this.engine.recover();
    this.engine.startSchedule();
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  private sentence(error: unknown, secret: string): string {
    const message = error instanceof SyncError ? error.message : `The remote could not be reached or answered unexpectedly (${error instanceof Error ? error.message : String(error)}).`;
    return redact(message, secret ? [secret] : []);
  }
}
