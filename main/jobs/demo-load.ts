/**
 * Loads the demo data set behind the first window: the app answers at once, and `app.info`
 * reports how far the load has come so the UI can show a progress line instead of a blank wait.
 */
import type { DemoProgress } from '../demo/load-demo.ts';
import type { StoreHost } from '../store-host/store-host.ts';

export interface DemoLoadStatus {
  state: 'idle' | 'loading' | 'done' | 'failed';
  tenantsDone: number;
  tenantsTotal: number;
  inserted: number;
  /** Why it failed, as a sentence; null otherwise. */
  message: string | null;
}

export class DemoLoadJob {
  status: DemoLoadStatus = { state: 'idle', tenantsDone: 0, tenantsTotal: 0, inserted: 0, message: null };
  /** Settles when the load has finished or failed (never rejects). */
  readonly done: Promise<void>;

  constructor(store: StoreHost, resourcesDir: string, now: number, log: { error(message: string): void } = console) {
    this.status = { ...this.status, state: 'loading' };
    this.done = store
      .write('loadDemo', { resourcesDir, now }, {
        onProgress: (p) => {
          const progress = p as DemoProgress;
          this.status = { ...this.status, ...progress };
        },
      })
      .then(
        (result) => {
          this.status = { ...this.status, state: 'done', inserted: result.loaded ? result.inserted : this.status.inserted };
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          log.error(`[trailkeeper] the demo data set could not be loaded: ${reason}`);
          this.status = { ...this.status, state: 'failed', message: `The demo data set could not be loaded: ${reason}` };
        },
      );
  }
}
