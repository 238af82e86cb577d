/** Small facts about the workspace kept in `workspace_meta` (key → text). */
import type { ReadDb, WriteDb } from './open.ts';

export function getMeta(db: ReadDb | WriteDb, key: string): string | null {
  const row = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: WriteDb, key: string, value: string): void {
  db.prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function hasTenants(db: ReadDb | WriteDb): boolean {
  return (db.prepare('SELECT EXISTS (SELECT 1 FROM tenants) AS x').get() as { x: number }).x === 1;
}
