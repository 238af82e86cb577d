/** The stored event columns, derived from the field declaration: the writer's INSERT and the readers' SELECT use them. */
import { EVENT_FIELD_COLUMNS, EVENT_FIELD_KEYS, EVENT_FIELDS } from '../../common/event-fields.ts';
import type { NormalizedEvent } from '../domain/event.ts';

/** Columns of `event_rows` written for one event, in the order pushEventValues appends their values; the raw text goes to `event_raw` (migration 9). */
export const INSERT_COLUMNS = [
  'tenant_id', ...EVENT_FIELD_COLUMNS, 'ip_bin', 'raw_sha256', 'sync_run_id', 'batch_id',
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
  out.push(tenantId);
  for (const key of EVENT_FIELD_KEYS) out.push(e[key]);
  out.push(ipBin, rawSha256, syncRunId, batchId);
}

/** SELECT list for an EventRow (camelCase names match the contract's eventRowSchema). */
export const ROW_SELECT = [
  'e.id AS id', 'e.tenant_id AS tenantId', 't.name AS tenantName',
  ...EVENT_FIELD_KEYS.map((key) => `e.${EVENT_FIELDS[key].column} AS ${key}`),
].join(', ');
