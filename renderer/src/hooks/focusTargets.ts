/** Element ids that keyboard shortcuts move focus to. */
export const QUERY_INPUT_ID = 'query-input';
export const EVENT_GRID_ID = 'event-grid';

export function focusById(id: string): void {
  document.getElementById(id)?.focus();
}
