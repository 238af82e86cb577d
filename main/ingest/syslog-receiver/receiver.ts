/**
 * The syslog receiver: RFC 5424 messages over UDP (one datagram, one message; RFC 5426) and TCP
 * (octet counting or LF framing, RFC 6587, see tcp-framing.ts) on one loopback port. Each
 * message is normalised by the syslog source (its raw text kept exactly as received) and handed
 * to `onBatch` in batches; the receiver never imports the store, so the caller decides which
 * tenant the batches go to. Garbage (not RFC 5424, not UTF-8, over the frame limit) is counted
 * and dropped; the receiver keeps listening.
 */
import { isUtf8 } from 'node:buffer';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, isIPv6, type Server, type Socket } from 'node:net';
import type { NormalizedEvent } from '../../domain/event.ts';
import { excerpt } from '../sources/fields.ts';
import { normalize } from '../sources/syslog.ts';
import { EventBatcher, type BatchSink } from './batcher.ts';
import { SyslogFrameSplitter } from './tcp-framing.ts';

export interface SyslogReceiverOptions {
  /** The port for both UDP and TCP; 0 picks a free one (see status().port). */
  port: number;
  /** A loopback address: 127.0.0.1 (default), ::1 or localhost. Anything else is refused. */
  host?: string;
  /** Receives each batch of events; may be async (one call at a time). */
  onBatch: BatchSink;
  /** Largest message accepted, in bytes (default 64 KiB, the most a UDP datagram holds). */
  maxFrameBytes?: number;
  /** A batch goes at this many events (default 1,000)… */
  maxBatch?: number;
  /** …or this long after its first event (default 250 ms). */
  maxDelayMs?: number;
  /** Events waiting for the sink beyond this are dropped and counted (default 100,000). */
  maxPending?: number;
  /** Open TCP connections beyond this are closed at once (default 64). */
  maxConnections?: number;
  /**
   * A TCP connection that sends nothing for this long is closed (default 5 minutes; 0 never),
   * so a local process cannot hold every connection slot open and shut real senders out.
   */
  idleTimeoutMs?: number;
}

export interface SyslogReceiverStatus {
  listening: boolean;
  host: string;
  port: number;
  /** Messages (TCP frames and UDP datagrams) received. */
  received: number;
  /** Events the sink wrote. */
  written: number;
  batches: number;
  /** Messages skipped because they were not RFC 5424, not UTF-8, or over the size limit. */
  garbage: number;
  /** Events dropped because the sink fell behind, or its write failed. */
  dropped: number;
  connections: number;
  /** TCP connections closed because they sent nothing for idleTimeoutMs. */
  idleClosed: number;
  /** The last few reasons something was skipped, newest last. */
  recentProblems: string[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const RECENT_PROBLEMS = 10;

export class SyslogReceiver {
  private readonly opts: Required<Omit<SyslogReceiverOptions, 'host'>> & { host: string };
  private readonly batcher: EventBatcher;
  private tcp: Server | null = null;
  private udp: UdpSocket | null = null;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;
  private counts = { received: 0, garbage: 0, dropped: 0, idleClosed: 0 };
  private recentProblems: string[] = [];

  constructor(options: SyslogReceiverOptions) {
    const host = options.host ?? '127.0.0.1';
    if (!LOOPBACK.has(host)) throw new Error(`The syslog receiver listens on loopback only (127.0.0.1 or ::1), not on ${host}.`);
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
      throw new Error(`The syslog port must be a whole number from 0 to 65535, not ${options.port}.`);
    }
    this.opts = {
      maxFrameBytes: 64 * 1024, maxBatch: 1000, maxDelayMs: 250, maxPending: 100_000, maxConnections: 64, idleTimeoutMs: 5 * 60_000,
      ...options,
      host: host === 'localhost' ? '127.0.0.1' : host,
    };
    this.batcher = new EventBatcher({
      sink: options.onBatch,
      maxBatch: this.opts.maxBatch,
      maxDelayMs: this.opts.maxDelayMs,
      maxPending: this.opts.maxPending,
      onWriteError: (err, events) => {
        this.counts.dropped += events;
        this.problem(`Writing ${events} syslog events failed: ${err instanceof Error ? err.message : String(err)}`);
      },
    });
  }

  /** Binds TCP, then UDP on the same port; throws a sentence when the port is taken. */
  async start(): Promise<void> {
    if (this.tcp !== null) throw new Error('The syslog receiver is already running.');
    // Port 0: TCP picks a free port, which UDP may not have free; try a few.
    for (let attempt = 1; ; attempt++) {
      const tcp = createServer((socket) => this.accept(socket));
      try {
        await listen(tcp, this.opts.port, this.opts.host);
      } catch (err) {
        throw new Error(`Cannot listen for syslog on ${this.opts.host}:${this.opts.port} (TCP): ${(err as Error).message}.`, { cause: err });
      }
      const port = (tcp.address() as { port: number }).port;
      const udp = createSocket({ type: isIPv6(this.opts.host) ? 'udp6' : 'udp4' });
      try {
        udp.bind(port, this.opts.host);
        await once(udp, 'listening');
      } catch (err) {
        tcp.close();
        udp.close();
        if (this.opts.port === 0 && attempt < 5) continue;
        throw new Error(`Cannot listen for syslog on ${this.opts.host}:${port} (UDP): ${(err as Error).message}.`, { cause: err });
      }
      tcp.on('error', (err) => this.problem(`TCP listener error: ${err.message}`));
      udp.on('error', (err) => this.problem(`UDP listener error: ${err.message}`));
      udp.on('message', (msg) => this.message(msg, 'datagram'));
      this.boundPort = port;
      this.tcp = tcp;
      this.udp = udp;
      return;
    }
  }

  /** Stops listening, closes connections and writes what was received. */
  async stop(): Promise<void> {
    const { tcp, udp } = this;
    this.tcp = null;
    this.udp = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    udp?.close();
    if (tcp !== null) await new Promise<void>((resolve) => tcp.close(() => resolve()));
    await this.batcher.flush();
  }

  /** Waits until everything received so far has been handed to the sink. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  status(): SyslogReceiverStatus {
    return {
      listening: this.tcp !== null,
      host: this.opts.host,
      port: this.boundPort,
      ...this.counts,
      written: this.batcher.written,
      batches: this.batcher.batches,
      connections: this.sockets.size,
      recentProblems: [...this.recentProblems],
    };
  }

  private accept(socket: Socket): void {
    if (this.sockets.size >= this.opts.maxConnections) {
      this.problem(`A TCP connection was refused: ${this.opts.maxConnections} are already open.`);
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    const splitter = new SyslogFrameSplitter(this.opts.maxFrameBytes, {
      frame: (bytes) => this.message(bytes, 'frame'),
      garbage: (reason) => this.garbage(reason),
    });
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    socket.on('end', () => splitter.end());
    if (this.opts.idleTimeoutMs > 0) {
      socket.setTimeout(this.opts.idleTimeoutMs, () => {
        this.counts.idleClosed++;
        this.problem(`A TCP connection sent nothing for ${describeMs(this.opts.idleTimeoutMs)} and was closed.`);
        // As if the sender had closed it: a last LF-less message is kept, a cut frame counted.
        splitter.end();
        socket.destroy();
      });
    }
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private message(bytes: Buffer, how: 'frame' | 'datagram'): void {
    this.counts.received++;
    let body = bytes;
    if (how === 'datagram') {
      // Some senders end a datagram with LF (or CRLF, or NUL): not part of the message.
      let end = body.length;
      while (end > 0 && (body[end - 1] === 0x0a || body[end - 1] === 0x0d || body[end - 1] === 0x00)) end--;
      body = body.subarray(0, end);
      if (body.length > this.opts.maxFrameBytes) {
        this.garbage(`A datagram of ${body.length} bytes is over the ${this.opts.maxFrameBytes}-byte limit and was skipped.`);
        return;
      }
    }
    if (!isUtf8(body)) {
      this.garbage('A message that is not valid UTF-8 was skipped (its raw text could not be kept exactly).');
      return;
    }
    const raw = body.toString('utf8');
    let event: NormalizedEvent;
    try {
      event = normalize(raw);
    } catch (err) {
      this.garbage(err instanceof Error ? err.message : `Not an RFC 5424 message: ${excerpt(raw)}`);
      return;
    }
    if (this.tcp === null) return;
    if (!this.batcher.add(event)) {
      this.counts.dropped++;
      if (this.counts.dropped === 1 || this.counts.dropped % 10_000 === 0) this.problem(`Events are arriving faster than they can be written: ${this.counts.dropped} dropped so far.`);
    }
  }

  private garbage(reason: string): void {
    this.counts.garbage++;
    this.problem(reason);
  }

  private problem(sentence: string): void {
    this.recentProblems.push(sentence);
    if (this.recentProblems.length > RECENT_PROBLEMS) this.recentProblems.shift();
  }
}

function describeMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error): void => reject(err);
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}
