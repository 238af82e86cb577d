/**
 * How `npm run serve` stops (issue 7, item 13). The first Ctrl-C or SIGTERM stops gracefully:
 * the host closes idle and stalled connections, then the workspace closes. A second signal
 * while that runs exits at once, as a user pressing Ctrl-C twice expects.
 */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface StopOptions {
  stop: () => Promise<void>;
  exit: (code: number) => void;
  log?: (line: string) => void;
  source?: SignalSource;
}

export function stopOnSignals({ stop, exit, log = (line) => console.error(line), source = process }: StopOptions): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) {
      log('[trailkeeper] second stop signal: exiting now');
      exit(130);
      return;
    }
    stopping = true;
    log('[trailkeeper] stopping (press Ctrl-C again to exit at once)');
    stop().then(
      () => exit(0),
      (error: unknown) => {
        log(`[trailkeeper] stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  source.on('SIGINT', onSignal);
  source.on('SIGTERM', onSignal);
}
