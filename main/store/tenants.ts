/** Connections and tenants: the sources events come from. Secrets never live here (docs/design.md §3). */
import type Database from 'better-sqlite3';
import type { Tenant } from '../../common/contract.ts';
import type { WriteDb } from './open.ts';

export interface ConnectionSpec {
  kind: string;
  label: string;
  baseUrl: string | null;
  options?: Record<string, unknown>;
}

export interface TenantSpec {
  externalId: string;
  name: string;
  groups: readonly string[];
  retentionDays?: number | null;
}

/** Finds the connection with this kind and label, or creates it. */
export function ensureConnection(db: WriteDb, spec: ConnectionSpec): number {
  const found = db
    .prepare('SELECT id FROM connections WHERE kind = ? AND label = ?')
    .get(spec.kind, spec.label) as { id: number } | undefined;
  if (found) return found.id;
  return Number(
    db
      .prepare('INSERT INTO connections (kind, label, base_url, options, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(spec.kind, spec.label, spec.baseUrl, JSON.stringify(spec.options ?? {}), Date.now()).lastInsertRowid,
  );
}

export function ensureTenant(db: WriteDb, connectionId: number, spec: TenantSpec): number {
  const found = db
    .prepare('SELECT id FROM tenants WHERE connection_id = ? AND external_id = ?')
    .get(connectionId, spec.externalId) as { id: number } | undefined;
  if (found) return found.id;
  return Number(
    db
      .prepare(
        'INSERT INTO tenants (connection_id, external_id, name, groups, retention_days) VALUES (?, ?, ?, ?, ?)',
      )
      .run(connectionId, spec.externalId, spec.name, JSON.stringify(spec.groups), spec.retentionDays ?? null)
      .lastInsertRowid,
  );
}

export function setLegalHold(db: WriteDb, tenantId: number, hold: boolean): void {
  db.prepare('UPDATE tenants SET legal_hold = ? WHERE id = ?').run(hold ? 1 : 0, tenantId);
}

export function setRetention(db: WriteDb, tenantId: number, days: number | null): void {
  db.prepare('UPDATE tenants SET retention_days = ? WHERE id = ?').run(days, tenantId);
}

interface TenantRow {
  id: number;
  connection_id: number;
  connection_label: string;
  kind: string;
  name: string;
  groups: string;
  legal_hold: number;
  retention_days: number | null;
  event_count: number;
  newest_ts: number | null;
  oldest_ts: number | null;
}

export function listTenants(db: Database.Database): { tenants: Tenant[]; groups: string[] } {
  const rows = db
    .prepare(
      `SELECT t.id, t.connection_id, c.label AS connection_label, coalesce(t.source_kind, c.kind) AS kind, t.name, t.groups, t.legal_hold,
              t.retention_days, t.event_count, t.newest_ts,
              (SELECT min(ts) FROM event_rows WHERE tenant_id = t.id) AS oldest_ts
       FROM tenants t JOIN connections c ON c.id = t.connection_id
       ORDER BY t.name COLLATE NOCASE`,
    )
    .all() as TenantRow[];
  const groups = new Set<string>();
  const tenants = rows.map((r): Tenant => {
    const tenantGroups = JSON.parse(r.groups) as string[];
    tenantGroups.forEach((g) => groups.add(g));
    return {
      id: r.id,
      connectionId: r.connection_id,
      connectionLabel: r.connection_label,
      sourceKind: r.kind,
      name: r.name,
      groups: tenantGroups,
      legalHold: r.legal_hold === 1,
      retentionDays: r.retention_days,
      eventCount: r.event_count,
      newestTs: r.newest_ts,
      oldestTs: r.oldest_ts,
    };
  });
  return { tenants, groups: [...groups].sort() };
}
