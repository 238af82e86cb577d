/**
 * Drag-and-drop without trusting a path from the page. The preload reads each dropped File's own
 * path (`webUtils.getPathForFile`, which gives nothing for a File the page made up) and sends the
 * paths on DROP_CHANNEL; here, after the same sender check as every call, they are kept under a
 * random id, which is all the page gets back. `imports.dropped` takes the id, once, within the
 * time limit. Electron is only a type import; index.ts passes the real `ipcMain`, tests a fake.
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { DROP_CHANNEL } from '../../common/call-names.ts';
import type { DropRegistration } from '../../common/contract.ts';
import { senderFacts, type InvokeEventLike } from './ipc-router.ts';
import { checkSender } from './trusted-url.ts';

export interface DropRegistryOptions {
  /** How long a drop waits for the user to choose its tenant (default 10 minutes). */
  ttlMs?: number;
  /** Drops kept at once; registering another forgets the oldest (default 16). */
  maxDrops?: number;
  /** Files in one drop (default 1,000). */
  maxFiles?: number;
  now?: () => number;
}

export class DropRegistry {
  private readonly drops = new Map<string, { paths: string[]; at: number }>();
  private readonly ttlMs: number;
  private readonly maxDrops: number;
  readonly maxFiles: number;
  private readonly now: () => number;

  constructor(options: DropRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxDrops = options.maxDrops ?? 16;
    this.maxFiles = options.maxFiles ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Keeps the paths of one drop; a list that is not absolute paths is refused with a sentence. */
  register(paths: unknown): DropRegistration {
    if (!Array.isArray(paths) || paths.length === 0) return { ok: false, message: 'Nothing importable was dropped: drop one or more files.' };
    if (paths.length > this.maxFiles) return { ok: false, message: `${paths.length} files were dropped; drop at most ${this.maxFiles} at a time.` };
    const valid = paths.every((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096 && !p.includes('\0') && isAbsolute(p));
    // The preload gives '' for what is not a file on disk (a folder's entries, text, a made-up File).
    if (!valid) return { ok: false, message: 'Only files from your disk can be dropped here (not folders, text or items from another app).' };
    this.expire();
    while (this.drops.size >= this.maxDrops) this.drops.delete(this.drops.keys().next().value!);
    const dropId = randomUUID();
    this.drops.set(dropId, { paths: [...paths], at: this.now() });
    return { ok: true, dropId, fileNames: paths.map((p) => p.split(/[\\/]/).pop() ?? p) };
  }

  /** The drop's paths, handed out once; null when the id is unknown, used or expired. */
  take(dropId: string): string[] | null {
    this.expire();
    const drop = this.drops.get(dropId);
    if (drop === undefined) return null;
    this.drops.delete(dropId);
    return drop.paths;
  }

  private expire(): void {
    const oldest = this.now() - this.ttlMs;
    for (const [id, drop] of this.drops) if (drop.at < oldest) this.drops.delete(id);
  }
}

/** The parts of `ipcMain` this uses. */
export interface IpcHandleLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Answers DROP_CHANNEL for the app's own top frame only; returns the removal. */
export function registerDropChannel(ipc: IpcHandleLike, registry: DropRegistry, log: { warn(message: string): void } = console): () => void {
  ipc.handle(DROP_CHANNEL, async (event, paths): Promise<DropRegistration> => {
    const verdict = checkSender(senderFacts(event));
    if (!verdict.ok) {
      log.warn(`Refused a file drop: ${verdict.reason}.`);
      return { ok: false, message: 'This window is not allowed to use the Trailkeeper API.' };
    }
    return registry.register(paths);
  });
  return () => ipc.removeHandler(DROP_CHANNEL);
}
