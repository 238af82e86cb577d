/**
 * The demo workspace (every planted story) on a read-only connection with the Sigma SQL
 * functions, and the built-in pack: what the pack and sweep tests run over. The demo's clock is
 * fixed, so its findings do not move with the date.
 */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { registerSigmaFunctions } from '../../../main/rules/functions.ts';
import { loadRuleFolder } from '../../../main/rules/pack.ts';
import { closeWorkspace, openWorkspaceForWrite } from '../../../main/store/open.ts';
import { writeOps, type OpContext } from '../../../main/store-worker/write-ops.ts';
import { tempWorkspacePath } from '../store/fixtures.ts';

const resourcesDir = resolve(import.meta.dirname, '../../../resources');

export const builtInRules = () => loadRuleFolder(resolve(resourcesDir, 'rules'));

/** Loads the demo into a new temporary workspace and opens it read-only for rules. */
export async function openDemoForRules(): Promise<Database.Database> {
  const ctx: OpContext = { signal: new AbortController().signal, report: () => {} };
  const path = tempWorkspacePath();
  const w = openWorkspaceForWrite(path);
  await writeOps(w).loadDemo({ resourcesDir, now: Date.UTC(2026, 10, 21) }, ctx);
  closeWorkspace(w);
  const db = new Database(path, { readonly: true });
  registerSigmaFunctions(db);
  return db;
}
