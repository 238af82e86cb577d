/**
 * The demo workspace (every planted story) on a read-only connection with the Sigma SQL
 * functions, and the built-in pack: what the pack and sweep tests run over. The demo's clock is
 * fixed, so its findings do not move with the date.
 */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { registerSigmaFunctions } from '../../../main/rules/functions.ts';
import { loadRuleFolder } from '../../../main/rules/pack.ts';
import { FtsIndexer } from '../../../main/store/fts-indexer.ts';
import { closeWorkspace, openWorkspaceForWrite } from '../../../main/store/open.ts';
import { writeOps, type OpContext } from '../../../main/store-worker/write-ops.ts';
import { tempWorkspacePath } from '../store/fixtures.ts';

const resourcesDir = resolve(import.meta.dirname, '../../../resources');

export const builtInRules = () => loadRuleFolder(resolve(resourcesDir, 'rules'));

/**
 * Loads the demo into a new temporary workspace and opens it read-only for rules. `fullText`: which
 * of its events the full-text index holds: none, as just after an import; or all but the last 500,
 * so a sweep reads both through the index and past its watermark.
 */
export async function openDemoForRules(fullText: 'none' | 'all-but-tail' = 'none'): Promise<Database.Database> {
  const ctx: OpContext = { signal: new AbortController().signal, report: () => {} };
  const path = tempWorkspacePath();
  const w = openWorkspaceForWrite(path);
  await writeOps(w).loadDemo({ resourcesDir, now: Date.UTC(2026, 10, 21) }, ctx);
  if (fullText === 'all-but-tail') {
    const { n } = w.prepare('SELECT count(*) AS n FROM event_rows').get() as { n: number };
    new FtsIndexer(w).step(n - 500);
  }
  closeWorkspace(w);
  const db = new Database(path, { readonly: true });
  registerSigmaFunctions(db);
  return db;
}
