/**
 * Per-workspace view preferences (columns, query history) kept in the page's localStorage under
 * the workspace's identity (its path, from app.info), so two workspaces opened from the same app
 * keep their own. Storage may be full or switched off: a failed read is "nothing stored", a
 * failed write is skipped; neither ever breaks the view. Values read back are the caller's to check.
 */
const PREFIX = 'trailkeeper';

function keyOf(workspace: string, name: string): string {
  return `${PREFIX}:${name}:${workspace}`;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The stored JSON, or undefined when there is none or it does not parse. */
export function readPref(workspace: string, name: string): unknown {
  try {
    const text = storage()?.getItem(keyOf(workspace, name));
    return text == null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function writePref(workspace: string, name: string, value: unknown): void {
  try {
    storage()?.setItem(keyOf(workspace, name), JSON.stringify(value));
  } catch {
    // Quota or privacy mode: the preference lasts this session only.
  }
}

export function removePref(workspace: string, name: string): void {
  try {
    storage()?.removeItem(keyOf(workspace, name));
  } catch {
    // As above.
  }
}
