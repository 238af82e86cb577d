/**
 * A log that any local process can provoke (aborted requests, malformed uploads) must not be
 * floodable (issue 7, item 16): one line per event, at most `maxPerWindow` lines per window,
 * then one line counting what was suppressed.
 */
export type LineSink = (line: string) => void;

export interface RateLimitOptions {
  maxPerWindow?: number;
  windowMs?: number;
  now?: () => number;
}

export class RateLimitedLog {
  private readonly sink: LineSink;
  private readonly maxPerWindow: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private windowStart = -Infinity;
  private written = 0;
  private suppressed = 0;

  constructor(sink: LineSink, opts: RateLimitOptions = {}) {
    this.sink = sink;
    this.maxPerWindow = opts.maxPerWindow ?? 10;
    this.windowMs = opts.windowMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Logs `message` (folded onto one line) unless this window's allowance is spent. */
  line(message: string): void {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      if (this.suppressed > 0) {
        this.sink(`[trailkeeper] ${this.suppressed} more log line(s) like the above were suppressed in the last ${Math.round(this.windowMs / 1000)} s`);
      }
      this.windowStart = t;
      this.written = 0;
      this.suppressed = 0;
    }
    if (this.written >= this.maxPerWindow) {
      this.suppressed++;
      return;
    }
    this.written++;
    this.sink(oneLine(message));
  }
}

/** Folds text onto one bounded line. */
export function oneLine(text: string, max = 400): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' | ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** An error as one short phrase: its name, code and message, without the stack. */
export function errorPhrase(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
}
