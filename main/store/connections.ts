/**
 * Remote connections, their tenants' sync state, and the sync_runs log (docs/design.md §3, §5). The sync
 * engine reaches these through the writer and reader ops; secrets are never stored here.
 */
import type Database from 'better-sqlite3';
import type { WriteDb } from './open.ts';

export interface NewConnection {
  kind: string;
  label: string;
  baseUrl: string;
  options: Record<string, unknown>;
}

export interface StoredConnection extends NewConnection {
  id: number;
  createdAt: number;
}

/** A tenant as the remote lists it (RemoteTenant in main/sync/connector.ts). */
export interface ListedTenant {
  externalId: string;
  name: string;
  sourceKind: string;
  options?: Record<string, unknown>;
}

/** What the engine needs to pull one tenant. */
export interface SyncTarget {
  tenantId: number;
  connectionId: number;
  externalId: string;
  name: string;
  sourceKind: string;
  options: Record<string, unknown>;
  intervalMin: number | null;
  lastSuccess: number | null;
}

export interface TenantSyncRow {
  tenantId: number;
  connectionId: number;
  externalId: string;
  name: string;
  groups: string[];
  eventCount: number;
  lastSuccess: number | null;
  lastError: string | null;
  highWater: number | null;
  intervalMin: number | null;
  remoteListed: boolean;
  derivedIds: number;
  lastRun: { status: string; startedAt: number; finishedAt: number | null; inserted: number; duplicates: number } | null;
}

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

interface ConnectionRow {
  id: number;
  kind: string;
  label: string;
  base_url: string | null;
  options: string;
  created_at: number;
}

const toConnection = (r: ConnectionRow): StoredConnection => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  baseUrl: r.base_url ?? '',
  options: JSON.parse(r.options) as Record<string, unknown>,
  createdAt: r.created_at,
});

export function createConnection(db: WriteDb, spec: NewConnection): number {
  const clash = db.prepare('SELECT id FROM connections WHERE label = ?').get(spec.label);
  if (clash) throw new ConnectionError(`A connection named "${spec.label}" already exists; choose another name.`);
  return Number(
    db
      .prepare('INSERT INTO connections (kind, label, base_url, options, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(spec.kind, spec.label, spec.baseUrl, JSON.stringify(spec.options), Date.now()).lastInsertRowid,
  );
}

export function getConnection(db: Database.Database, id: number): StoredConnection | null {
  const row = db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
  return row ? toConnection(row) : null;
}

export function listConnections(db: Database.Database): StoredConnection[] {
  return (db.prepare('SELECT * FROM connections ORDER BY label COLLATE NOCASE').all() as ConnectionRow[]).map(toConnection);
}

export function setConnectionOptions(db: WriteDb, id: number, options: Record<string, unknown>): void {
  const result = db.prepare('UPDATE connections SET options = ? WHERE id = ?').run(JSON.stringify(options), id);
  if (result.changes === 0) throw new ConnectionError(`There is no connection with id ${id}.`);
}

/**
 * Brings the local tenants of a connection in line with what the remote lists: new ones are
 * added, known ones renamed, and ones the remote no longer lists are marked so (their events stay).
 */
export function applyListedTenants(db: WriteDb, connectionId: number, listed: readonly ListedTenant[]): number[] {
  return db.transaction(() => {
    const find = db.prepare('SELECT id FROM tenants WHERE connection_id = ? AND external_id = ?');
    const update = db.prepare('UPDATE tenants SET name = ?, source_kind = ?, options = ?, remote_listed = 1 WHERE id = ?');
    const insert = db.prepare(
      `INSERT INTO tenants (connection_id, external_id, name, groups, source_kind, options, remote_listed)
       VALUES (?, ?, ?, '[]', ?, ?, 1)`,
    );
    const ids: number[] = [];
    for (const t of listed) {
      const options = JSON.stringify(t.options ?? {});
      const found = find.get(connectionId, t.externalId) as { id: number } | undefined;
      if (found) {
        update.run(t.name, t.sourceKind, options, found.id);
        ids.push(found.id);
      } else {
        ids.push(Number(insert.run(connectionId, t.externalId, t.name, t.sourceKind, options).lastInsertRowid));
      }
    }
    const keep = new Set(ids);
    const all = db.prepare('SELECT id FROM tenants WHERE connection_id = ?').all(connectionId) as { id: number }[];
    const unlist = db.prepare('UPDATE tenants SET remote_listed = 0 WHERE id = ?');
    for (const { id } of all) if (!keep.has(id)) unlist.run(id);
    return ids;
  })();
}

/** Group labels as stored: trimmed, no empties, no repeats, sorted. */
export function cleanGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.map((g) => g.trim()).filter((g) => g !== ''))].sort();
}

export function setTenantGroups(db: WriteDb, tenantId: number, groups: readonly string[]): void {
  const result = db.prepare('UPDATE tenants SET groups = ? WHERE id = ?').run(JSON.stringify(cleanGroups(groups)), tenantId);
  if (result.changes === 0) throw new ConnectionError(`There is no tenant with id ${tenantId}.`);
}

export function setSyncInterval(db: WriteDb, tenantId: number, minutes: number | null): void {
  const result = db.prepare('UPDATE tenants SET sync_interval_min = ? WHERE id = ?').run(minutes, tenantId);
  if (result.changes === 0) throw new ConnectionError(`There is no tenant with id ${tenantId}.`);
}

export function startSyncRun(db: WriteDb, tenantId: number, kind: string, now: number): number {
  return Number(
    db
      .prepare("INSERT INTO sync_runs (tenant_id, kind, started_at, status) VALUES (?, ?, ?, 'running')")
      .run(tenantId, kind, now).lastInsertRowid,
  );
}

/** Adds a committed batch's counts to its run; called inside the batch's transaction. */
export function countBatchInRun(db: WriteDb, runId: number, inserted: number, duplicates: number, derivedIds: number): void {
  db.prepare('UPDATE sync_runs SET inserted = inserted + ?, duplicates = duplicates + ? WHERE id = ?').run(inserted, duplicates, runId);
  if (derivedIds > 0) {
    db.prepare('UPDATE tenants SET derived_ids = derived_ids + ? WHERE id = (SELECT tenant_id FROM sync_runs WHERE id = ?)').run(
      derivedIds,
      runId,
    );
  }
}

export interface RunEnd {
  runId: number;
  status: 'ok' | 'failed' | 'cancelled';
  error: string | null;
  now: number;
}

/** Closes a run; an ok run sets the tenant's last success (its start: the copy is complete up to then). */
export function finishSyncRun(db: WriteDb, end: RunEnd): void {
  db.transaction(() => {
    const run = db.prepare('SELECT tenant_id, started_at FROM sync_runs WHERE id = ?').get(end.runId) as
      | { tenant_id: number; started_at: number }
      | undefined;
    if (!run) throw new ConnectionError(`There is no sync run with id ${end.runId}.`);
    db.prepare('UPDATE sync_runs SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(end.status, end.now, end.error, end.runId);
    if (end.status === 'ok') {
      db.prepare('UPDATE tenants SET last_success = ?, last_error = NULL WHERE id = ?').run(run.started_at, run.tenant_id);
    } else if (end.status === 'failed') {
      db.prepare('UPDATE tenants SET last_error = ? WHERE id = ?').run(end.error, run.tenant_id);
    }
  })();
}

/** Runs left 'running' by a crash or a kill: closed as failed, so status never shows a ghost run. */
export function closeInterruptedRuns(db: WriteDb, now: number): number {
  return db
    .prepare(
      `UPDATE sync_runs SET status = 'failed', finished_at = ?, error = 'The sync was interrupted (Trailkeeper stopped); it resumes from its last checkpoint.'
       WHERE status = 'running'`,
    )
    .run(now).changes;
}

export function getCheckpoint(db: Database.Database, tenantId: number): { cursor: string | null; highWater: number | null } | null {
  const row = db.prepare('SELECT cursor, high_water FROM checkpoints WHERE tenant_id = ?').get(tenantId) as
    | { cursor: string | null; high_water: number | null }
    | undefined;
  return row ? { cursor: row.cursor, highWater: row.high_water } : null;
}

interface TargetRow {
  id: number;
  connection_id: number;
  external_id: string;
  name: string;
  source_kind: string | null;
  kind: string;
  options: string;
  sync_interval_min: number | null;
  last_success: number | null;
}

/** The synced tenants (those under a remote connection), optionally narrowed. */
export function syncTargets(db: Database.Database, filter: { connectionId?: number; tenantIds?: number[] } = {}): SyncTarget[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.connection_id, t.external_id, t.name, t.source_kind, c.kind, t.options, t.sync_interval_min,
              t.last_success
       FROM tenants t JOIN connections c ON c.id = t.connection_id
       WHERE t.source_kind IS NOT NULL AND t.remote_listed = 1
       ORDER BY t.id`,
    )
    .all() as TargetRow[];
  const wanted = filter.tenantIds ? new Set(filter.tenantIds) : null;
  return rows
    .filter((r) => (filter.connectionId === undefined || r.connection_id === filter.connectionId) && (!wanted || wanted.has(r.id)))
    .map((r) => ({
      tenantId: r.id,
      connectionId: r.connection_id,
      externalId: r.external_id,
      name: r.name,
      sourceKind: r.source_kind ?? r.kind,
      options: JSON.parse(r.options) as Record<string, unknown>,
      intervalMin: r.sync_interval_min,
      lastSuccess: r.last_success,
    }));
}

interface StatusRow {
  id: number;
  connection_id: number;
  external_id: string;
  name: string;
  groups: string;
  event_count: number;
  last_success: number | null;
  last_error: string | null;
  high_water: number | null;
  sync_interval_min: number | null;
  remote_listed: number;
  derived_ids: number;
  run_status: string | null;
  run_started: number | null;
  run_finished: number | null;
  run_inserted: number | null;
  run_duplicates: number | null;
}

/** Every tenant of the given connections (or all), with its sync state, for the Connections screen. */
export function tenantSyncRows(db: Database.Database, connectionId?: number): TenantSyncRow[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.connection_id, t.external_id, t.name, t.groups, t.event_count, t.last_success, t.last_error,
              k.high_water, t.sync_interval_min, t.remote_listed, t.derived_ids,
              r.status AS run_status, r.started_at AS run_started, r.finished_at AS run_finished,
              r.inserted AS run_inserted, r.duplicates AS run_duplicates
       FROM tenants t
       LEFT JOIN checkpoints k ON k.tenant_id = t.id
       LEFT JOIN sync_runs r ON r.id = (SELECT max(id) FROM sync_runs WHERE tenant_id = t.id)
       WHERE @connectionId IS NULL OR t.connection_id = @connectionId
       ORDER BY t.name COLLATE NOCASE`,
    )
    .all({ connectionId: connectionId ?? null }) as StatusRow[];
  return rows.map((r) => ({
    tenantId: r.id,
    connectionId: r.connection_id,
    externalId: r.external_id,
    name: r.name,
    groups: JSON.parse(r.groups) as string[],
    eventCount: r.event_count,
    lastSuccess: r.last_success,
    lastError: r.last_error,
    highWater: r.high_water,
    intervalMin: r.sync_interval_min,
    remoteListed: r.remote_listed === 1,
    derivedIds: r.derived_ids,
    lastRun:
      r.run_status === null
        ? null
        : {
            status: r.run_status,
            startedAt: r.run_started!,
            finishedAt: r.run_finished,
            inserted: r.run_inserted ?? 0,
            duplicates: r.run_duplicates ?? 0,
          },
  }));
}
