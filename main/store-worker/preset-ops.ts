/**
 * Presets in the workspace (table `presets`, migration 1 and 6). Names are unique without regard
 * to case; at most one preset is the start view. Mistakes come back as sentences, not throws,
 * so the page can show them; an import is one transaction: all presets or none.
 */
import type Database from 'better-sqlite3';
import type { Preset, StoredPreset } from '../../common/contract.ts';
import type { ReadDb, WriteDb } from '../store/open.ts';

interface Row {
  id: number;
  name: string;
  description: string;
  view: string;
  pinned: number;
  start_view: number;
  created_at: number;
  updated_at: number;
}

const toPreset = (r: Row): StoredPreset => ({
  id: r.id,
  name: r.name,
  description: r.description,
  view: JSON.parse(r.view) as StoredPreset['view'],
  pinned: r.pinned === 1,
  startView: r.start_view === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listPresets(db: Database.Database, ids?: readonly number[]): StoredPreset[] {
  const rows = db.prepare('SELECT * FROM presets ORDER BY pinned DESC, name COLLATE NOCASE').all() as Row[];
  return rows.filter((r) => !ids || ids.includes(r.id)).map(toPreset);
}

function nameTaken(db: Database.Database, name: string, exceptId: number | null): boolean {
  return db.prepare('SELECT 1 FROM presets WHERE lower(name) = lower(?) AND id IS NOT ?').get(name, exceptId) !== undefined;
}

type Saved = { ok: true; preset: StoredPreset } | { ok: false; error: string };

export function presetReadOps(db: ReadDb) {
  return { presetsList: (a: { ids?: number[] }) => listPresets(db, a.ids), queriesList: () => listQueries(db) };
}

export function presetWriteOps(db: WriteDb) {
  return { ...presetOnlyWriteOps(db), ...queryWriteOps(db) };
}

function presetOnlyWriteOps(db: WriteDb) {
  const insert = (p: Preset, now: number): number =>
    Number(
      db.prepare('INSERT INTO presets (name, description, view, pinned, start_view, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(p.name, p.description, JSON.stringify(p.view), p.pinned ? 1 : 0, p.startView ? 1 : 0, now, now).lastInsertRowid,
    );
  const clearStart = (except: number) => db.prepare('UPDATE presets SET start_view = 0 WHERE id <> ?').run(except);
  return {
    presetSave: (a: { id?: number; preset: Preset; now: number }): Saved =>
      db.transaction((): Saved => {
        if (a.id !== undefined && !db.prepare('SELECT 1 FROM presets WHERE id = ?').get(a.id)) return { ok: false, error: `There is no preset with id ${a.id}.` };
        if (nameTaken(db, a.preset.name, a.id ?? null)) return { ok: false, error: `A preset named "${a.preset.name}" already exists; choose another name.` };
        const p = a.preset;
        let id = a.id;
        if (id === undefined) id = insert(p, a.now);
        else {
          db.prepare('UPDATE presets SET name = ?, description = ?, view = ?, pinned = ?, start_view = ?, updated_at = ? WHERE id = ?')
            .run(p.name, p.description, JSON.stringify(p.view), p.pinned ? 1 : 0, p.startView ? 1 : 0, a.now, id);
        }
        if (p.startView) clearStart(id);
        return { ok: true, preset: listPresets(db, [id])[0]! };
      })(),
    presetDelete: (a: { id: number }): Preset | null => {
      const found = listPresets(db, [a.id])[0];
      if (!found) return null;
      db.prepare('DELETE FROM presets WHERE id = ?').run(a.id);
      const { id: _id, createdAt: _c, updatedAt: _u, ...preset } = found;
      return preset;
    },
    presetsImport: (a: { presets: Preset[]; now: number }): { ok: true; imported: number } | { ok: false; errors: string[] } =>
      db.transaction(() => {
        const errors = a.presets.flatMap((p, i) => (nameTaken(db, p.name, null) ? [`presets[${i}].name: a preset named "${p.name}" already exists in this workspace`] : []));
        if (errors.length) return { ok: false as const, errors };
        for (const p of a.presets) {
          const id = insert(p, a.now);
          if (p.startView) clearStart(id);
        }
        return { ok: true as const, imported: a.presets.length };
      })(),
  };
}

interface QueryRow {
  id: number;
  name: string;
  sql: string;
  params: string;
  updated_at: number;
}
export interface SavedQueryRecord {
  id: number;
  name: string;
  sql: string;
  params: { name: string; default: string }[];
  updatedAt: number;
}
const toQuery = (r: QueryRow): SavedQueryRecord => ({ id: r.id, name: r.name, sql: r.sql, params: JSON.parse(r.params) as SavedQueryRecord['params'], updatedAt: r.updated_at });

export function listQueries(db: Database.Database): SavedQueryRecord[] {
  return (db.prepare('SELECT * FROM queries ORDER BY name COLLATE NOCASE').all() as QueryRow[]).map(toQuery);
}

/** Saved console queries (table `queries`, migration 1): unique names, parameters with defaults. */
export function queryWriteOps(db: WriteDb) {
  return {
    querySave: (a: { id?: number; name: string; sql: string; params: SavedQueryRecord['params']; now: number }): { ok: true; query: SavedQueryRecord } | { ok: false; error: string } =>
      db.transaction(() => {
        const clash = db.prepare('SELECT 1 FROM queries WHERE lower(name) = lower(?) AND id IS NOT ?').get(a.name, a.id ?? null);
        if (clash) return { ok: false as const, error: `A saved query named "${a.name}" already exists; choose another name.` };
        let id = a.id;
        if (id === undefined) {
          id = Number(db.prepare('INSERT INTO queries (name, sql, params, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(a.name, a.sql, JSON.stringify(a.params), a.now, a.now).lastInsertRowid);
        } else if (db.prepare('UPDATE queries SET name = ?, sql = ?, params = ?, updated_at = ? WHERE id = ?').run(a.name, a.sql, JSON.stringify(a.params), a.now, id).changes === 0) {
          return { ok: false as const, error: `There is no saved query with id ${id}.` };
        }
        return { ok: true as const, query: listQueries(db).find((q) => q.id === id)! };
      })(),
    queryDelete: (a: { id: number }) => ({ deleted: db.prepare('DELETE FROM queries WHERE id = ?').run(a.id).changes > 0 }),
  };
}
