/**
 * The last line of defence of the serve process (issue 7, item 1): an error that escapes every
 * request guard is logged on one rate-limited line instead of ending the process. Store writes
 * run in worker threads, each batch in one transaction, so what is on disk stays whole; the
 * request that failed gets no answer and its client sees the connection close.
 */
import { errorPhrase, RateLimitedLog, type LineSink } from './rate-limited-log.ts';

export interface ErrorSource {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

export function guardProcess(source: ErrorSource = process, sink: LineSink = (line) => console.error(line)): void {
  const log = new RateLimitedLog(sink);
  source.on('uncaughtException', (error) => log.line(`[trailkeeper] caught an unexpected error and kept running: ${errorPhrase(error)}`));
  source.on('unhandledRejection', (error) => log.line(`[trailkeeper] caught an unhandled rejection and kept running: ${errorPhrase(error)}`));
}
