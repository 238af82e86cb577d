/**
 * Says in one sentence why the file system will not let Trailkeeper use a workspace (read-only
 * file or folder, no permission, full disk) and what to do, instead of a SQLite error code or a
 * misleading "corrupt". Checked before SQLite touches the file, and used to explain SQLite's
 * own errors when it fails anyway.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

const WHY: Record<string, string> = {
  EROFS: 'it is on a read-only file system',
  EACCES: 'you do not have permission to write to it',
  EPERM: 'it is locked against changes (immutable or protected)',
};

function writeProblem(target: string): string | null {
  try {
    accessSync(target, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return WHY[code] ?? `it cannot be written to (${code || (error as Error).message})`;
  }
}

/** Why a new workspace cannot be created at `path`, with what to do; null when it can. */
export function createProblem(path: string): string | null {
  const folder = dirname(path);
  const why = writeProblem(folder);
  return why && `its folder ${folder} cannot be written to: ${why}. Choose a workspace in a folder you can write to, or fix the folder's permissions`;
}

/** Why the existing workspace at `path` cannot be opened for writing, with what to do; null when it can. */
export function openProblem(path: string): string | null {
  // The folder first: on a read-only file system the file is read-only too, and the folder is the cause.
  const folder = dirname(path);
  const folderWhy = writeProblem(folder);
  if (folderWhy) {
    return `its folder ${folder} cannot be written to: ${folderWhy}. Trailkeeper keeps its write-ahead log beside the workspace: move the workspace to a writable folder, or make the folder writable`;
  }
  const fileWhy = writeProblem(path);
  return fileWhy && `the file is read-only: ${fileWhy}. Make it writable (for example chmod u+w), or open a copy of it`;
}

const SQLITE_FULL = 'SQLITE_FULL';

/** A sentence for a SQLite or file-system error that the disk or permissions caused; null for any other error. */
export function diskProblem(error: unknown, path: string): string | null {
  const code = (error as { code?: unknown }).code;
  if (code === SQLITE_FULL || code === 'ENOSPC') {
    return `the disk holding ${dirname(path)} is full. Free some space (or choose a workspace on another disk) and try again`;
  }
  if (typeof code === 'string' && /^(SQLITE_(READONLY|CANTOPEN|PERM|IOERR)|EACCES|EPERM|EROFS)/.test(code)) {
    return (existsSync(path) ? openProblem(path) : createProblem(path)) ?? `the file system refused the write (${code}). Check the disk and the folder's permissions, then try again`;
  }
  return null;
}
