/** The event table's columns, in order. Widths live in styles.css (`--event-columns`). */
export const EVENT_COLUMNS = [
  { id: 'time', label: 'Time' },
  { id: 'tenant', label: 'Tenant' },
  { id: 'action', label: 'Action' },
  { id: 'actor', label: 'Actor' },
  { id: 'target', label: 'Target' },
  { id: 'outcome', label: 'Outcome' },
  { id: 'ip', label: 'IP' },
] as const;

/** Fixed row height: the windowing relies on it. Keep in step with `--row-height`. */
export const ROW_HEIGHT = 26;
