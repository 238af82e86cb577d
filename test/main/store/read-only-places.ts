/**
 * Read-only folders and files, and a small full disk, for the workspace-file tests. Tests run as
 * root here, and root ignores permission bits: as root these are read-only bind mounts and a
 * small tmpfs (real EROFS and ENOSPC); as another user, plain chmod (EACCES), and no tmpfs.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';

const isRoot = process.getuid?.() === 0;

function mount(args: string[]): boolean {
  try {
    execFileSync('mount', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function unmount(target: string): void {
  // Lazy: a handle a failing test left open must not keep the mount behind.
  execFileSync('umount', ['-l', target], { stdio: 'ignore' });
}

/** Makes a folder or file read-only; returns the undo. Null when this machine cannot. */
export function makeReadOnly(target: string): (() => void) | null {
  if (isRoot) {
    if (!mount(['--bind', target, target])) return null;
    if (!mount(['-o', 'remount,ro,bind', target])) {
      unmount(target);
      return null;
    }
    return () => unmount(target);
  }
  const mode = statSync(target).mode & 0o7777;
  chmodSync(target, statSync(target).isDirectory() ? 0o555 : 0o444);
  return () => chmodSync(target, mode);
}

/** Mounts a tmpfs of `bytes` on `dir` (a full disk to be); returns the undo. Null when this machine cannot. */
export function mountSmallDisk(dir: string, bytes: number): (() => void) | null {
  if (!isRoot || !mount(['-t', 'tmpfs', '-o', `size=${bytes}`, 'trailkeeper-test', dir])) return null;
  return () => unmount(dir);
}
