/**
 * Every column the event table can show: the time, the tenant, the two combined columns (actor,
 * target) and one per normalised field of common/event-fields.ts, so a field added there is
 * offered in the column chooser without touching this file. Each column says how its cell reads
 * as text and which query field and value its value menu filters on.
 */
import type { EventRow } from '../../../common/contract.ts';
import { EVENT_FIELD_KEYS, EVENT_FIELDS, type EventFieldKey } from '../../../common/event-fields.ts';
import { formatTs, type TimeZoneMode } from '../format/time.ts';

export type CellPivot = { field: string | null; value: string | null; ts?: number };

export type ColumnDef = {
  id: string;
  label: string;
  /** The least width while the user has not set one. */
  min: string;
  /** Its share of the room left over (an `fr`), or null for a fixed width. */
  share: string | null;
  text: (row: EventRow, timeZone: TimeZoneMode) => string;
  pivot: (row: EventRow) => CellPivot;
};

function targetText(row: EventRow): string {
  const name = row.targetName ?? row.targetId ?? '';
  return row.targetType && name ? `${row.targetType}: ${name}` : name || row.targetType || '';
}

const LABELS: Partial<Record<EventFieldKey, string>> = { sourceId: 'Source id', tsRaw: 'Raw time', ip: 'IP', geoCountry: 'Country', geoCity: 'City' };
const SIZES: Partial<Record<EventFieldKey, Pick<ColumnDef, 'min' | 'share'>>> = {
  action: { min: '7rem', share: '1.3fr' },
  outcome: { min: '5.5rem', share: null },
  ip: { min: '7rem', share: '0.8fr' },
  message: { min: '10rem', share: '2fr' },
};
const DEFAULT_SIZE = { min: '6rem', share: '1fr' };

/** `actorEmail` → "Actor email". */
function labelOf(key: EventFieldKey): string {
  const words = key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return LABELS[key] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

function fieldColumn(key: EventFieldKey): ColumnDef {
  const column = EVENT_FIELDS[key].column;
  const read = (row: EventRow) => (row[key] === null ? null : String(row[key]));
  return { id: key, label: labelOf(key), ...(SIZES[key] ?? DEFAULT_SIZE), text: (row) => read(row) ?? '', pivot: (row) => ({ field: column, value: read(row) }) };
}

const SPECIAL: ColumnDef[] = [
  { id: 'time', label: 'Time', min: 'var(--time-column)', share: null, text: (row, tz) => formatTs(row.ts, tz), pivot: (row) => ({ field: null, value: row.tsRaw, ts: row.ts }) },
  { id: 'tenant', label: 'Tenant', ...DEFAULT_SIZE, text: (row) => row.tenantName, pivot: (row) => ({ field: 'tenant', value: row.tenantName }) },
  {
    id: 'actor',
    label: 'Actor',
    min: '8rem',
    share: '2fr',
    text: (row) => [row.actorName, row.actorEmail].filter(Boolean).join(' ') || (row.actorId ?? ''),
    pivot: (row) => (row.actorEmail ? { field: 'actor_email', value: row.actorEmail } : { field: 'actor_name', value: row.actorName }),
  },
  { id: 'target', label: 'Target', min: '6rem', share: '1.4fr', text: targetText, pivot: (row) => ({ field: 'target_name', value: row.targetName }) },
];

/** All columns in the chooser's order: the table's defaults' companions first, then the fields. */
export const COLUMN_CATALOG: readonly ColumnDef[] = [
  ...SPECIAL,
  // `ts` is the Time column already.
  ...EVENT_FIELD_KEYS.filter((k) => k !== 'ts').map(fieldColumn),
];

const BY_ID = new Map(COLUMN_CATALOG.map((c) => [c.id, c]));

export function columnById(id: string): ColumnDef | undefined {
  return BY_ID.get(id);
}

/** The columns a new workspace (or "Reset columns") shows, in order. */
export const DEFAULT_COLUMN_IDS: readonly string[] = ['time', 'tenant', 'action', 'actor', 'target', 'outcome', 'ip'];
