/**
 * Syslog intake for one workspace: at most one receiver (main/ingest/syslog-receiver) at a time,
 * writing its batches into a chosen tenant through the store's writer, each batch one
 * transaction with its link in the tenant's hash chain, named with the syslog normaliser so
 * verify re-derives it. Runs on the main thread: the receiver parses, the writer only writes.
 */
import { SyslogReceiver, type SyslogReceiverStatus } from '../ingest/syslog-receiver/receiver.ts';
import { NORMALIZER_VERSIONS } from '../ingest/sources/index.ts';
import type { StoreHost } from '../store-host/store-host.ts';

export interface SyslogIntakeStatus extends Omit<SyslogReceiverStatus, 'listening'> {
  running: boolean;
  tenantId: number | null;
}

/** A sentence for the user (unknown tenant, port taken): the API answers it as invalid input. */
export class SyslogIntakeError extends Error {
  override name = 'SyslogIntakeError';
}

const IDLE = { host: '127.0.0.1', port: 0, received: 0, written: 0, batches: 0, garbage: 0, dropped: 0, connections: 0, idleClosed: 0, recentProblems: [] };

export class SyslogIntake {
  private receiver: SyslogReceiver | null = null;
  private tenantId: number | null = null;
  /** The last receiver's figures, kept after it stops. */
  private last: SyslogIntakeStatus = { ...IDLE, running: false, tenantId: null };
  private readonly store: Pick<StoreHost, 'read' | 'write'>;

  constructor(store: Pick<StoreHost, 'read' | 'write'>) {
    this.store = store;
  }

  /** Starts receiving into `tenantId` (a running receiver is stopped first). */
  async start(args: { tenantId: number; port: number; host?: string }): Promise<SyslogIntakeStatus> {
    const tenants = (await this.store.read('tenants', undefined)).tenants;
    if (!tenants.some((t) => t.id === args.tenantId)) throw new SyslogIntakeError(`There is no tenant with id ${args.tenantId} to receive syslog into.`);
    await this.stop();
    const tenantId = args.tenantId;
    const normalizer = `syslog@${NORMALIZER_VERSIONS.syslog}`;
    let receiver: SyslogReceiver;
    try {
      receiver = new SyslogReceiver({
        port: args.port,
        ...(args.host !== undefined ? { host: args.host } : {}),
        onBatch: async (events) => {
          await this.store.write('ingestBatch', { tenantId, events, normalizer });
        },
      });
      await receiver.start();
    } catch (err) {
      throw new SyslogIntakeError((err as Error).message, { cause: err });
    }
    this.receiver = receiver;
    this.tenantId = tenantId;
    return this.status();
  }

  /** Stops the receiver after writing what it received; harmless when none runs. */
  async stop(): Promise<SyslogIntakeStatus> {
    const receiver = this.receiver;
    if (receiver !== null) {
      this.receiver = null;
      await receiver.stop();
      this.last = this.describe(receiver, false);
      this.tenantId = null;
    }
    return this.status();
  }

  status(): SyslogIntakeStatus {
    return this.receiver === null ? { ...this.last, running: false } : this.describe(this.receiver, true);
  }

  private describe(receiver: SyslogReceiver, running: boolean): SyslogIntakeStatus {
    const { listening: _listening, ...figures } = receiver.status();
    return { ...figures, running, tenantId: this.tenantId };
  }
}
