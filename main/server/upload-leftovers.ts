/**
 * Upload folders left by a host that was killed mid-upload (`trailkeeper-upload-<pid>-…` in the
 * temp folder) are removed at the next start, unless their process still runs.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UPLOAD_DIR_PREFIX } from './upload-route.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

export async function removeUploadLeftovers(tempRoot: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tempRoot).catch(() => [] as string[])) {
    if (!name.startsWith(UPLOAD_DIR_PREFIX)) continue;
    const pid = Number(name.slice(UPLOAD_DIR_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    await rm(join(tempRoot, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
