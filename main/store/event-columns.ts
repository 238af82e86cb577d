/** The stored event columns in one place: the writer's INSERT and the readers' SELECT use it. */
import type { NormalizedEvent } from '../domain/event.ts';

/** Columns written from a NormalizedEvent, in INSERT order. */
export const INSERT_COLUMNS = [
  'tenant_id', 'source_id', 'ts', 'ts_raw', 'category', 'action', 'activity', 'outcome', 'severity',
  'actor_type', 'actor_id', 'actor_name', 'actor_email', 'actor_role', 'target_type', 'target_id',
  'target_name', 'ip', 'ip_bin', 'user_agent', 'geo_country', 'geo_city', 'message', 'raw', 'raw_sha256',
  'sync_run_id', 'batch_id',
] as const;

export type SqlValue = string | number | bigint | Buffer | null;

/** Appends one event's values to `out` in INSERT_COLUMNS order (reusing one array per statement). */
export function pushEventValues(
  out: SqlValue[],
  tenantId: number,
  e: NormalizedEvent,
  ipBin: Buffer | null,
  rawSha256: string,
  syncRunId: number | null,
  batchId: number,
): void {
  out.push(
    tenantId, e.sourceId, e.ts, e.tsRaw, e.category, e.action, e.activity, e.outcome, e.severity,
    e.actorType, e.actorId, e.actorName, e.actorEmail, e.actorRole, e.targetType, e.targetId,
    e.targetName, e.ip, ipBin, e.userAgent, e.geoCountry, e.geoCity, e.message, e.raw, rawSha256,
    syncRunId, batchId,
  );
}

/** SELECT list for an EventRow (camelCase names match the contract's eventRowSchema). */
export const ROW_SELECT = `
  e.id AS id, e.tenant_id AS tenantId, t.name AS tenantName, e.source_id AS sourceId, e.ts AS ts,
  e.ts_raw AS tsRaw, e.category AS category, e.action AS action, e.activity AS activity,
  e.outcome AS outcome, e.severity AS severity, e.actor_type AS actorType, e.actor_id AS actorId,
  e.actor_name AS actorName, e.actor_email AS actorEmail, e.actor_role AS actorRole,
  e.target_type AS targetType, e.target_id AS targetId, e.target_name AS targetName, e.ip AS ip,
  e.user_agent AS userAgent, e.geo_country AS geoCountry, e.geo_city AS geoCity, e.message AS message`;
