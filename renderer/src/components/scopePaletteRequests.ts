/** Opens the scope palette from elsewhere (the scope picker's "Several tenants…"), as Ctrl/Cmd+K does. */
const listeners = new Set<() => void>();

export function requestScopePalette(): void {
  for (const listener of listeners) listener();
}

export function onScopePaletteRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
