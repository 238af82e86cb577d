/**
 * The syslog receiver against a real client, util-linux `logger --rfc5424` (UDP, TCP with LF
 * framing, TCP with octet counting), and raw sockets for garbage. Events reach the `onBatch`
 * sink with their structured data parsed; garbage is counted and the receiver keeps running.
 */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../../main/domain/event.ts';
import { SyslogReceiver, type SyslogReceiverOptions } from '../../../../main/ingest/syslog-receiver/receiver.ts';
import { parseSyslog } from '../../../../main/ingest/sources/syslog.ts';

let receiver: SyslogReceiver | null = null;
afterEach(async () => {
  await receiver?.stop();
  receiver = null;
});

async function start(opts: Partial<SyslogReceiverOptions> = {}): Promise<{ r: SyslogReceiver; events: NormalizedEvent[]; batches: number[] }> {
  const events: NormalizedEvent[] = [];
  const batches: number[] = [];
  const r = new SyslogReceiver({
    port: 0,
    maxDelayMs: 20,
    onBatch: (batch) => {
      batches.push(batch.length);
      events.push(...batch);
    },
    ...opts,
  });
  await r.start();
  receiver = r;
  return { r, events, batches };
}

/** Waits (at most 10 s) until `done` holds; a deadline for delivery, not a speed test. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function logger(args: string[], stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('logger', args, (err, _out, stderr) => (err ? reject(new Error(`logger failed: ${stderr || err.message}`)) : resolve()));
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

const sd = ['--sd-id', 'auth@32473', '--sd-param', 'user="alice"', '--sd-param', 'src="192.0.2.10"'];
const base = (port: number): string[] => ['--rfc5424', '-n', '127.0.0.1', '-P', String(port), '-p', 'auth.notice', '-t', 'tk-test', '--msgid', 'LOGIN', ...sd];

function sdOf(e: NormalizedEvent | undefined): unknown {
  return parseSyslog(e?.raw ?? '').structuredData.find((el) => el.id === 'auth@32473');
}

describe('syslog receiver with logger --rfc5424 (util-linux)', () => {
  it('receives over UDP with structured data parsed', async () => {
    const { r, events } = await start();
    await logger([...base(r.status().port), '-d', 'alice signed in over udp']);
    await until(() => events.length === 1, 'the UDP message');
    expect(events[0]).toMatchObject({ message: 'alice signed in over udp', action: 'LOGIN', category: 'auth', actorName: 'alice', ip: '192.0.2.10', targetType: 'host' });
    expect(sdOf(events[0])).toEqual({ id: 'auth@32473', params: { user: 'alice', src: '192.0.2.10' } });
    expect(r.status()).toMatchObject({ received: 1, written: 1, garbage: 0 });
  });

  it('receives over TCP with LF framing, several messages on one connection', async () => {
    const { r, events } = await start();
    await logger([...base(r.status().port), '-T'], 'one over tcp\ntwo over tcp\nthree over tcp\n');
    await until(() => events.length === 3, 'three TCP messages');
    expect(events.map((e) => e.message)).toEqual(['one over tcp', 'two over tcp', 'three over tcp']);
    expect(events.every((e) => e.actorName === 'alice')).toBe(true);
  });

  it('receives over TCP with octet counting', async () => {
    const { r, events } = await start();
    await logger([...base(r.status().port), '-T', '--octet-count'], 'first counted\nsecond counted\n');
    await until(() => events.length === 2, 'two octet-counted messages');
    expect(events.map((e) => e.message)).toEqual(['first counted', 'second counted']);
    expect(sdOf(events[1])).toEqual({ id: 'auth@32473', params: { user: 'alice', src: '192.0.2.10' } });
    // logger frames "LEN SP MSG" with no LF between frames: the raw text is the message alone.
    expect(events[0]?.raw).toMatch(/^<37>1 \S+ \S+ tk-test - LOGIN \[timeQuality [^\]]*\]\[auth@32473 user="alice" src="192.0.2.10"\] first counted$/);
  });
});

describe('syslog receiver: garbage and limits', () => {
  const GOOD = '<38>1 2025-03-04T10:00:00.000Z host sshd 77 - [auth@32473 user="bob"] accepted';

  it('counts and drops garbage on TCP and UDP and keeps receiving', async () => {
    const { r, events } = await start();
    const port = r.status().port;
    const tcp = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => tcp.once('connect', () => resolve()));
    tcp.write(`GET / HTTP/1.1\r\n${GOOD}\n<999>1 - host app - - - bad pri\n`);
    tcp.write(Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0x31, 0x20, 0xff, 0xfe, 0x0a]));
    tcp.end(`${GOOD.replace('accepted', 'second')}\n`);
    const udp = createSocket('udp4');
    const send = (msg: string | Buffer): Promise<void> => new Promise((resolve, reject) => udp.send(msg, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    await send(Buffer.from([0, 1, 2, 3, 250, 251]));
    await send('not syslog at all');
    await send(`${GOOD.replace('accepted', 'by udp')}\n`);
    udp.close();
    await until(() => events.length === 3 && r.status().garbage === 5, 'the three good messages and five pieces of garbage');
    expect(events.map((e) => e.message).sort()).toEqual(['accepted', 'by udp', 'second']);
    expect(r.status()).toMatchObject({ listening: true, received: 7, written: 3, garbage: 5, dropped: 0 });
    expect(r.status().recentProblems).toContain('A message that is not valid UTF-8 was skipped (its raw text could not be kept exactly).');
    expect(r.status().recentProblems.some((p) => /Syslog PRI 999 is out of range/.test(p))).toBe(true);
  });

  it('skips a frame over the limit and reads the next one', async () => {
    const { r, events } = await start({ maxFrameBytes: 512 });
    const big = `<13>1 - - - - - ${'x'.repeat(2000)}`;
    const tcp = connect(r.status().port, '127.0.0.1');
    tcp.end(`${Buffer.byteLength(big)} ${big}${Buffer.byteLength(GOOD)} ${GOOD}`);
    await until(() => events.length === 1, 'the frame after the oversized one');
    expect(events[0]?.raw).toBe(GOOD);
    expect(r.status().recentProblems).toEqual(['An octet-counted frame of 2016 bytes is over the 512-byte limit and was skipped.']);
  });

  it('batches by count and by time', async () => {
    const { r, events, batches } = await start({ maxBatch: 4, maxDelayMs: 50 });
    const tcp = connect(r.status().port, '127.0.0.1');
    const lines = Array.from({ length: 10 }, (_, i) => GOOD.replace('accepted', `n${i}`)).join('\n');
    tcp.end(`${lines}\n`);
    await until(() => events.length === 10, 'ten messages');
    expect(batches.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
    expect(r.status().batches).toBe(batches.length);
  });

  it('counts a failed write as dropped and goes on', async () => {
    let calls = 0;
    const kept: NormalizedEvent[] = [];
    const { r } = await start({
      onBatch: (batch) => {
        if (++calls === 1) throw new Error('disk full');
        kept.push(...batch);
      },
    });
    const udp = createSocket('udp4');
    udp.send(GOOD, r.status().port, '127.0.0.1');
    await until(() => r.status().dropped === 1, 'the failed write');
    udp.send(GOOD.replace('accepted', 'later'), r.status().port, '127.0.0.1', () => udp.close());
    await until(() => kept.length === 1, 'the next write');
    expect(r.status().recentProblems).toContain('Writing 1 syslog events failed: disk full');
  });

  it('drops and counts what arrives while the sink is behind by more than maxPending', async () => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const written: string[] = [];
    const { r } = await start({
      maxBatch: 1, maxPending: 2,
      onBatch: async (batch) => {
        await held;
        written.push(...batch.map((e) => e.message ?? ''));
      },
    });
    const tcp = connect(r.status().port, '127.0.0.1');
    tcp.end(`${Array.from({ length: 6 }, (_, i) => GOOD.replace('accepted', `m${i}`)).join('\n')}\n`);
    // m0 is being written (held), m1 and m2 wait, m3..m5 find the backlog full.
    await until(() => r.status().received === 6, 'six messages');
    expect(r.status().dropped).toBe(3);
    expect(r.status().recentProblems).toContain('Events are arriving faster than they can be written: 1 dropped so far.');
    release();
    await r.flush();
    expect(written).toEqual(['m0', 'm1', 'm2']);
  });

  it('listens on loopback only and names a port that is taken', async () => {
    expect(() => new SyslogReceiver({ port: 0, host: '0.0.0.0', onBatch: () => {} })).toThrow('The syslog receiver listens on loopback only (127.0.0.1 or ::1), not on 0.0.0.0.');
    const { r } = await start();
    const second = new SyslogReceiver({ port: r.status().port, onBatch: () => {} });
    await expect(second.start()).rejects.toThrow(new RegExp(`^Cannot listen for syslog on 127\\.0\\.0\\.1:${r.status().port} \\(TCP\\)`));
  });
});
