/**
 * Collects received events into batches for a sink that writes them (one transaction each in the
 * store): a batch goes when it reaches `maxBatch` events or `maxDelayMs` after its first event,
 * whichever comes first. One write runs at a time, in arrival order. When the sink falls behind
 * by more than `maxPending` events, new events are dropped and counted rather than held without
 * bound: a syslog sender does not wait for us either.
 */
import type { NormalizedEvent } from '../../domain/event.ts';

export type BatchSink = (events: NormalizedEvent[]) => void | Promise<void>;

export interface BatcherOptions {
  sink: BatchSink;
  maxBatch: number;
  maxDelayMs: number;
  maxPending: number;
  /** A write failed: its events are lost (counted), later batches still go. */
  onWriteError(err: unknown, events: number): void;
}

export class EventBatcher {
  private pending: NormalizedEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private readonly opts: BatcherOptions;
  /** Events handed to the sink and written without error. */
  written = 0;
  batches = 0;

  constructor(opts: BatcherOptions) {
    this.opts = opts;
  }

  /** Queues an event; false when the backlog is full and the event was dropped. */
  add(event: NormalizedEvent): boolean {
    if (this.pending.length >= this.opts.maxPending) return false;
    this.pending.push(event);
    if (this.pending.length >= this.opts.maxBatch) this.kick();
    else if (this.timer === null) this.timer = setTimeout(() => this.kick(), this.opts.maxDelayMs);
    return true;
  }

  /** Writes everything queued and waits for it. */
  async flush(): Promise<void> {
    this.kick();
    while (this.writing !== null) await this.writing;
  }

  private kick(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.writing !== null || this.pending.length === 0) return;
    this.writing = this.drain().finally(() => {
      this.writing = null;
    });
  }

  /** Writes until nothing is queued: events that arrive during a write go in the next batch. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.opts.maxBatch);
      try {
        await this.opts.sink(batch);
        this.written += batch.length;
        this.batches++;
      } catch (err) {
        this.opts.onWriteError(err, batch.length);
      }
    }
  }
}
