/**
 * Which workspace file to open, shared by the desktop app and the HTTP host (so no Electron here):
 * `--workspace PATH` (or `--workspace=PATH`), else TRAILKEEPER_WORKSPACE, else
 * `<userData>/workspace.trailkeeper`. Always returned absolute, so the path the app reports and
 * the file it opens cannot drift apart if the working directory changes.
 */
import { join, resolve } from 'node:path';

export const WORKSPACE_FLAG = '--workspace';
export const WORKSPACE_ENV = 'TRAILKEEPER_WORKSPACE';
export const DEFAULT_WORKSPACE_FILE = 'workspace.trailkeeper';

function workspaceFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${WORKSPACE_FLAG}=`)) return requirePath(arg.slice(WORKSPACE_FLAG.length + 1));
    if (arg === WORKSPACE_FLAG) return requirePath(argv[i + 1]);
  }
  return undefined;
}

function requirePath(value: string | undefined): string {
  if (value === undefined || value.trim() === '' || value.startsWith('--')) {
    throw new Error(`${WORKSPACE_FLAG} needs a file path, for example: ${WORKSPACE_FLAG} ./audit.trailkeeper`);
  }
  return value;
}

export function resolveWorkspacePath(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
  cwd: string = process.cwd(),
): string {
  const fromEnv = env[WORKSPACE_ENV];
  const envPath = fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : undefined;
  const chosen = workspaceFlag(argv) ?? envPath ?? join(userDataDir, DEFAULT_WORKSPACE_FILE);
  return resolve(cwd, chosen);
}
