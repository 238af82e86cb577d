/**
 * Renaming a group label across every tenant that carries it (groups are labels on tenants,
 * docs/design.md §3: a group exists while some tenant carries it). One transaction, so no view
 * ever sees half the tenants renamed.
 */
import { cleanGroups } from './connections.ts';
import type { WriteDb } from './open.ts';

/** Renames `from` to `to` on every tenant carrying it (merging with `to` where both are present); returns how many tenants changed. */
export function renameGroup(db: WriteDb, from: string, to: string): number {
  const update = db.prepare('UPDATE tenants SET groups = ? WHERE id = ?');
  return db.transaction(() => {
    const rows = db.prepare('SELECT id, groups FROM tenants').all() as { id: number; groups: string }[];
    let changed = 0;
    for (const row of rows) {
      const groups = JSON.parse(row.groups) as string[];
      if (!groups.includes(from)) continue;
      update.run(JSON.stringify(cleanGroups(groups.map((g) => (g === from ? to : g)))), row.id);
      changed++;
    }
    return changed;
  }).immediate();
}
