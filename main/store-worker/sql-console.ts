/**
 * The forensic SQL console (docs/design.md §4): one statement on the reader's connection, which is
 * opened read-only with `query_only`. Before it runs, a statement SQLite says would write
 * (better-sqlite3's `stmt.readonly`), and ATTACH/DETACH, PRAGMA assignments and
 * load_extension(), are refused with a sentence. Named parameters (`:since`) bind from a map;
 * rows stop at a limit. The time limit and Cancel are the host's: it answers the caller at
 * once and sets a reader that does not stop aside.
 */
import type Database from 'better-sqlite3';

export interface SqlRunArgs {
  sql: string;
  params: Record<string, string | number | null>;
  limit: number;
}

export type SqlRunResult =
  | { ok: true; columns: string[]; rows: unknown[][]; truncated: boolean }
  | { ok: false; error: string };

const REFUSALS: [RegExp, string][] = [
  [/^\s*(ATTACH|DETACH)\b/i, 'ATTACH and DETACH are refused: the console reads this workspace only.'],
  [/^\s*PRAGMA\b[^;]*=/i, 'PRAGMA assignments are refused: the console cannot change the connection.'],
  [/^\s*PRAGMA\s+(main\.)?(query_only|writable_schema|journal_mode|wal_checkpoint|optimize|incremental_vacuum|shrink_memory)\b/i, 'This PRAGMA changes the database or the connection, and the console refuses it.'],
  [/\bload_extension\s*\(/i, 'load_extension() is refused: the console loads no code.'],
  [/^\s*VACUUM\b/i, 'VACUUM is refused: the console reads this workspace only.'],
];

const WRITES_REFUSED = 'Only statements that read are allowed: INSERT, UPDATE, DELETE, CREATE, DROP and other writes are refused.';

/** Strips comments and string literals so the checks see only the statement's words. */
function words(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, ' ');
}

export function runConsoleSql(db: Database.Database, a: SqlRunArgs): SqlRunResult {
  const text = words(a.sql);
  for (const [re, why] of REFUSALS) if (re.test(text)) return { ok: false, error: why };
  let stmt: Database.Statement;
  try {
    stmt = db.prepare(a.sql);
  } catch (e) {
    // A write to the `events` view fails in prepare, before `readonly` can say it writes.
    if (/^cannot modify \S+ because it is a view$/.test((e as Error).message)) return { ok: false, error: WRITES_REFUSED };
    return { ok: false, error: `SQLite cannot run this: ${(e as Error).message}.` };
  }
  if (!stmt.readonly) return { ok: false, error: WRITES_REFUSED };
  if (!stmt.reader) return { ok: false, error: 'The statement returns no rows; the console runs queries (SELECT, WITH, read-only PRAGMA).' };
  const names = new Set([...a.sql.matchAll(/[:@$]([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  const bind: Record<string, string | number | null> = {};
  for (const n of names) if (Object.hasOwn(a.params, n)) bind[n] = a.params[n]!;
  try {
    const columns = stmt.columns().map((c) => c.name);
    const rows: unknown[][] = [];
    let truncated = false;
    const it = (names.size ? stmt.raw(true).iterate(bind) : stmt.raw(true).iterate()) as IterableIterator<unknown[]>;
    for (const row of it) {
      if (rows.length >= a.limit) {
        truncated = true;
        it.return?.();
        break;
      }
      rows.push(row.map((v) => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : typeof v === 'bigint' ? Number(v) : v)));
    }
    return { ok: true, columns, rows, truncated };
  } catch (e) {
    return { ok: false, error: `SQLite stopped: ${(e as Error).message}.` };
  }
}
