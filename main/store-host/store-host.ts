/**
 * Runs the workspace's SQLite work off the calling thread: one writer worker (all writes, in
 * order) and a small pool of long-lived reader workers. A read can be cancelled: its caller is
 * answered at once, and its worker is asked to stop through a shared cell its SQL checks every
 * 256 rows (main/query/cancel-point.ts). A worker that has not stopped within CANCEL_GRACE_MS
 * (inside a full-text lookup, or a statement without cancel points) is set aside and replaced
 * at once: Worker.terminate() only takes effect when its SQLite call returns (better-sqlite3 and
 * node:sqlite offer no sqlite3_interrupt), so the host never hands it another read, and caps how
 * many such workers may run (main/query/cost.ts bounds how long they run).
 *
 * Two lanes (docs/design.md §2): the rows the table waits for (ROW_READS) have a reader of their
 * own, so a first page never queues behind a count, a histogram or field values, nor behind one
 * still stopping; the pool serves everything else, and rows reads too when their reader is busy.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ReadOps } from '../store-worker/read-ops.ts';
import type { SerializedError, StoreErrorKind, WorkerInit, WorkerReply } from '../store-worker/protocol.ts';
import type { ReaderCancelInit } from '../store-worker/run-worker.ts';
import type { WriteOps } from '../store-worker/write-ops.ts';

/** A failure the store reported, with the kind the worker gave it (mapped to the API once). */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly column: number | undefined;
  constructor(error: SerializedError) {
    super(error.message);
    this.name = error.name;
    this.kind = error.kind;
    this.column = error.column;
  }
}

/**
 * Cancelled readers still inside a SQLite call beside which new reader threads may start. Beyond
 * this many, a set-aside reader is replaced from the reserve only, and further replacements wait
 * until one of them ends, so threads cannot pile up: at most `readers + 1` (the reserve)
 * `+ MAX_ABANDONED_READERS` reader threads ever exist.
 */
export const MAX_ABANDONED_READERS = 2;

/** Reads the table waits for (its rows, a jump, the inspector): served by the rows reader first. */
export const ROW_READS: ReadonlySet<string> = new Set(['page', 'seek', 'get']);

/** How long a cancelled read's worker has to stop by itself before it is set aside and replaced. */
export const CANCEL_GRACE_MS = 100;

/** Store calls slower than this are logged with their time (as Signal Desktop does). */
export const SLOW_CALL_MS = 500;
/** Writes carry whole batches and imports: only one this slow says something is wrong. */
export const SLOW_WRITE_MS = 5_000;

export interface StoreLog {
  warn(message: string): void;
}

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The operation was cancelled.');
  }
}

type ArgsOf<O, K extends keyof O> = O[K] extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type ResultOf<O, K extends keyof O> = O[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((progress: unknown) => void) | undefined;
  /** Set once the caller was answered by a cancel: called when the worker's own reply comes. */
  onSettled?: () => void;
}

/** One worker thread and the requests in flight on it. */
class WorkerSlot {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  /** Set when the host stops this worker on purpose (a cancel or close), not a crash. */
  stopping = false;
  exited = false;
  isReady = false;
  /** The id of a request to stop, read by the worker's cancel points (readers only). */
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));

  constructor(workerUrl: URL, init: WorkerInit, onExit: (slot: WorkerSlot) => void) {
    const data: WorkerInit & ReaderCancelInit = init.role === 'reader' ? { ...init, cancelFlag: this.cancelFlag } : init;
    this.worker = new Worker(workerUrl, { workerData: data });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', (msg: { ready?: true; failed?: SerializedError }) => {
        if (msg.failed) reject(new StoreError(msg.failed));
        else {
          this.isReady = true;
          resolve();
        }
        this.worker.on('message', (reply: WorkerReply) => this.onReply(reply));
      });
      this.worker.once('error', reject);
    });
    this.worker.on('exit', (code) => {
      this.exited = true;
      const failure = this.stopping
        ? new CancelledError()
        : new StoreError({ kind: 'closed', name: 'StoreWorkerExit', message: `The SQLite worker stopped unexpectedly (exit code ${code}).` });
      for (const p of this.pending.values()) p.reject(failure);
      this.pending.clear();
      onExit(this);
    });
  }

  private onReply(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.kind === 'progress') return pending.onProgress?.(reply.progress);
    this.pending.delete(reply.id);
    if (pending.onSettled) return pending.onSettled();
    if (reply.kind === 'result') pending.resolve(reply.value);
    else pending.reject(new StoreError(reply.error));
  }

  stop(): Promise<number> {
    this.stopping = true;
    return this.worker.terminate();
  }

  /**
   * Answers request `id` with CancelledError now and asks the worker to stop it; resolves true
   * if the worker replied within `graceMs` (it is free again), false if not.
   */
  interrupt(id: number, graceMs: number): Promise<boolean> {
    const pending = this.pending.get(id);
    if (!pending) return Promise.resolve(true);
    Atomics.store(this.cancelFlag, 0, id);
    pending.reject(new CancelledError());
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      pending.onSettled = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  /** Answers every request in flight with CancelledError now, and asks the thread to stop. */
  abandon(): void {
    this.stopping = true;
    for (const p of this.pending.values()) p.reject(new CancelledError());
    this.pending.clear();
    void this.worker.terminate();
  }

  send(id: number, op: string, args: unknown, onProgress?: (p: unknown) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, op, args });
    });
  }
}

/** Logs a call that took longer than `limitMs`, whatever its outcome. */
async function logIfSlow<T>(log: StoreLog, what: string, work: () => Promise<T>, limitMs = SLOW_CALL_MS): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    const ms = performance.now() - start;
    if (ms >= limitMs) log.warn(`[trailkeeper] slow store ${what} took ${Math.round(ms)} ms`);
  }
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: unknown) => void;
}

export class StoreHost {
  private nextId = 1;
  private writer!: WorkerSlot;
  private readonly readers: WorkerSlot[] = [];
  private readonly idle: WorkerSlot[] = [];
  private readonly waiting: { rows: boolean; grant(slot: WorkerSlot): void; fail(error: Error): void }[] = [];
  /** The rows lane's own reader (null while it is replaced, or when open() was told not to keep one). */
  private rowsReader: WorkerSlot | null = null;
  private rowsReaderIdle = false;
  /** Cancelled readers whose thread has not exited yet (it is finishing a SQLite call). */
  private readonly abandoned = new Set<WorkerSlot>();
  /** Readers the pool is short of (set aside or crashed), until refill() puts one in each place. */
  private owedReaders = 0;
  /**
   * A started reader outside the pool, so a set-aside reader is replaced at once instead of after
   * a worker start (0.6–2.8 s measured on a busy 2-core machine). Costs one idle thread (~30 MiB).
   */
  private spare: WorkerSlot | null = null;
  private useSpare = true;
  private writeChain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The writer thread has exited (crashed, or closed): writes fail instead of waiting forever. */
  private writerGone = false;

  // Plain fields, not parameter properties: Node's type stripping runs this file (bench, tests).
  private readonly workerUrl: URL;
  private readonly workspacePath: string;
  private readonly log: StoreLog;
  /** CANCEL_GRACE_MS unless open() was given another (tests on a loaded machine). */
  private cancelGraceMs = CANCEL_GRACE_MS;

  private constructor(workerUrl: URL, workspacePath: string, log: StoreLog) {
    this.workerUrl = workerUrl;
    this.workspacePath = workspacePath;
    this.log = log;
  }

  /** Opens (and migrates) the workspace in the writer, then starts `readers` reader workers. */
  static async open(opts: {
    workspacePath: string;
    workerUrl: URL;
    readers?: number;
    log?: StoreLog;
    cancelGraceMs?: number;
    /** Keep a started reader in reserve for cancels (default true). */
    spareReader?: boolean;
    /** Keep a reader for ROW_READS beside the pool (default true). */
    rowsReader?: boolean;
  }): Promise<StoreHost> {
    const host = new StoreHost(opts.workerUrl, opts.workspacePath, opts.log ?? console);
    host.cancelGraceMs = opts.cancelGraceMs ?? CANCEL_GRACE_MS;
    host.useSpare = opts.spareReader ?? true;
    host.writer = new WorkerSlot(opts.workerUrl, { workspacePath: opts.workspacePath, role: 'writer' }, () => {
      host.writerGone = true;
    });
    try {
      await host.writer.ready;
    } catch (error) {
      await host.writer.worker.terminate();
      throw error;
    }
    const rowsReady = opts.rowsReader === false ? null : host.startRowsReader();
    await Promise.all([...Array.from({ length: opts.readers ?? 2 }, () => host.spawnReader()), rowsReady]);
    host.startSpare();
    return host;
  }

  /** Cancelled readers still finishing a SQLite call (for diagnostics and tests). */
  get abandonedReaders(): number {
    return this.abandoned.size;
  }

  private async spawnReader(): Promise<void> {
    const slot = new WorkerSlot(this.workerUrl, { workspacePath: this.workspacePath, role: 'reader' }, (dead) => this.onReaderExit(dead));
    this.readers.push(slot);
    await slot.ready;
    this.release(slot);
  }

  private startReader(): void {
    this.spawnReader().catch((error: unknown) => console.error('[trailkeeper] a reader worker failed to start:', error));
  }

  /** Starts the rows lane's reader; resolves once it can take reads. */
  private startRowsReader(): Promise<void> {
    const slot = new WorkerSlot(this.workerUrl, { workspacePath: this.workspacePath, role: 'reader' }, (dead) => {
      if (this.abandoned.delete(dead)) return this.refill();
      if (this.rowsReader !== dead) return;
      // It crashed: rows reads use the pool until another has started (unless this one never did).
      this.rowsReader = null;
      this.rowsReaderIdle = false;
      if (dead.isReady && !this.closed) void this.startRowsReader().catch(() => {});
    });
    this.rowsReader = slot;
    this.rowsReaderIdle = false;
    return slot.ready.then(
      () => this.release(slot),
      (error: unknown) => {
        if (this.rowsReader === slot) this.rowsReader = null;
        throw error;
      },
    );
  }

  private startSpare(): void {
    if (!this.useSpare || this.closed || this.spare) return;
    const spare = new WorkerSlot(this.workerUrl, { workspacePath: this.workspacePath, role: 'reader' }, (dead) => {
      if (this.spare === dead) {
        // It crashed in reserve: start another, unless it never started (that would only repeat).
        this.spare = null;
        if (dead.isReady) this.startSpare();
      } else this.onReaderExit(dead);
    });
    this.spare = spare;
    spare.ready.then(
      () => this.refill(),
      (error: unknown) => console.error('[trailkeeper] a spare reader worker failed to start:', error),
    );
  }

  /**
   * Fills the places of readers that left the pool: first from the reserve (no new thread), then
   * with new threads and a new reserve, but only while set-aside readers are within the cap.
   */
  private refill(): void {
    if (this.closed) return;
    const spare = this.spare;
    if (this.owedReaders > 0 && spare?.isReady) {
      this.spare = null;
      this.owedReaders--;
      this.readers.push(spare);
      this.release(spare);
    }
    if (this.abandoned.size > MAX_ABANDONED_READERS) return;
    for (; this.owedReaders > 0; this.owedReaders--) this.startReader();
    this.startSpare();
  }

  private removeReader(slot: WorkerSlot): void {
    const r = this.readers.indexOf(slot);
    if (r >= 0) this.readers.splice(r, 1);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private onReaderExit(dead: WorkerSlot): void {
    // A set-aside reader ended (a replacement may have waited for the cap), or one crashed.
    if (!this.abandoned.delete(dead)) {
      this.removeReader(dead);
      this.owedReaders++;
    }
    this.refill();
  }

  /** A cancelled read: its caller is answered now; its worker returns to the pool once it stops. */
  private async cancelRead(slot: WorkerSlot, id: number): Promise<void> {
    if (await slot.interrupt(id, this.cancelGraceMs)) this.release(slot);
    else this.abandonReader(slot);
  }

  /**
   * A read that did not stop: its worker leaves the pool (it may be inside a SQLite call that
   * runs on until it returns) and a fresh reader takes its place at once.
   */
  private abandonReader(slot: WorkerSlot): void {
    if (slot.stopping || slot.exited) return;
    if (slot === this.rowsReader) {
      // Not one of the pool's places: a new rows reader starts, and the pool serves rows meanwhile.
      slot.abandon();
      this.abandoned.add(slot);
      this.rowsReader = null;
      this.rowsReaderIdle = false;
      this.startRowsReader().catch((error: unknown) => console.error('[trailkeeper] the rows reader failed to start:', error));
      return;
    }
    slot.abandon();
    this.removeReader(slot);
    this.abandoned.add(slot);
    this.owedReaders++;
    this.refill();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError({ kind: 'closed', name: 'StoreClosed', message: 'The workspace is closed.' });
  }

  private assertWriter(): void {
    this.assertOpen();
    if (this.writerGone) {
      throw new StoreError({ kind: 'closed', name: 'StoreWorkerExit', message: 'The SQLite writer stopped unexpectedly; restart Trailkeeper.' });
    }
  }

  private release(slot: WorkerSlot): void {
    // A worker being stopped, or still finishing a cancelled read, must not take the next read.
    if (slot.stopping || slot.pending.size > 0) return;
    if (slot === this.rowsReader) {
      const i = this.waiting.findIndex((w) => w.rows);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.grant(slot);
      else this.rowsReaderIdle = true;
      return;
    }
    if (!this.readers.includes(slot)) return;
    // Rows reads wait ahead of the others (acquire), so they are served first.
    const next = this.waiting.shift();
    if (next) next.grant(slot);
    else this.idle.push(slot);
  }

  /** A reader for one read: for ROW_READS the rows reader if it is free, else any free pool reader. */
  private acquire(signal: AbortSignal | undefined, rows: boolean): Promise<WorkerSlot> {
    if (rows && this.rowsReader && this.rowsReaderIdle) {
      this.rowsReaderIdle = false;
      return Promise.resolve(this.rowsReader);
    }
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      // A read cancelled while it waits leaves the queue at once instead of running later.
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new CancelledError());
      };
      const waiter = {
        rows,
        grant: (s: WorkerSlot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(s);
        },
        fail: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const firstOther = rows ? this.waiting.findIndex((w) => !w.rows) : -1;
      this.waiting.splice(firstOther >= 0 ? firstOther : this.waiting.length, 0, waiter);
    });
  }

  async read<K extends keyof ReadOps>(op: K, args: ArgsOf<ReadOps, K>, opts: RunOptions = {}): Promise<ResultOf<ReadOps, K>> {
    this.assertOpen();
    if (opts.signal?.aborted) throw new CancelledError();
    const slot = await this.acquire(opts.signal, ROW_READS.has(op));
    if (opts.signal?.aborted) {
      this.release(slot);
      throw new CancelledError();
    }
    const id = this.nextId++;
    const onAbort = () => void this.cancelRead(slot, id);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return (await logIfSlow(this.log, `read "${op}"`, () => slot.send(id, op, args, opts.onProgress))) as ResultOf<ReadOps, K>;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      this.release(slot);
    }
  }

  /** Writes run one after another in submission order. Cancelling asks the op to stop between batches. */
  write<K extends keyof WriteOps>(op: K, args: ArgsOf<WriteOps, K>, opts: RunOptions = {}): Promise<ResultOf<WriteOps, K>> {
    try {
      this.assertWriter();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const run = async () => {
      this.assertWriter();
      if (opts.signal?.aborted) throw new CancelledError();
      const id = this.nextId++;
      const onAbort = () => this.writer.worker.postMessage({ abort: id });
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return (await logIfSlow(this.log, `write "${op}"`, () => this.writer.send(id, op, args, opts.onProgress), SLOW_WRITE_MS)) as ResultOf<WriteOps, K>;
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
      }
    };
    const result = this.writeChain.then(run, run);
    this.writeChain = result.catch(() => undefined);
    return result;
  }

  /**
   * A port straight to the writer, for a worker that writes sync batches without passing them
   * through this thread (main/sync-worker). The writer serves it beside this host's queue, one op
   * at a time, and accepts only the ops it lists for ports; closing the store closes the port.
   */
  connectWriter(): MessagePort {
    this.assertWriter();
    const { port1, port2 } = new MessageChannel();
    this.writer.worker.postMessage({ connect: port2 }, [port2]);
    return port1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closedError = new StoreError({ kind: 'closed', name: 'StoreClosed', message: 'The workspace is closed.' });
    for (const waiter of this.waiting.splice(0)) waiter.fail(closedError);
    // Set-aside readers are waited for too: one still reading would keep the writer's final
    // checkpoint from emptying the WAL.
    const extra = [this.spare, this.rowsReader].filter((r): r is WorkerSlot => r !== null);
    this.spare = null;
    this.rowsReader = null;
    await Promise.all([...this.readers, ...this.abandoned, ...extra].map((r) => r.stop()));
    await this.writeChain;
    if (this.writerGone) return;
    const exited = new Promise((resolve) => this.writer.worker.once('exit', resolve));
    this.writer.worker.postMessage({ close: true });
    await exited;
  }
}
