/**
 * TCP idle timeout: a connection that sends nothing for idleTimeoutMs is closed and counted, so a
 * local process holding every connection slot cannot shut real senders out; a connection that
 * keeps sending stays open, and a last LF-less message on an idle-closed connection is kept.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../../main/domain/event.ts';
import { SyslogReceiver } from '../../../../main/ingest/syslog-receiver/receiver.ts';

const MSG = (n: number) => `<34>1 2025-03-01T10:00:0${n}Z host app - ID${n} - message ${n}`;

let receiver: SyslogReceiver | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await receiver?.stop();
  receiver = null;
});

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function open(port: number): Promise<{ socket: Socket; closed: () => boolean }> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, closed: () => closed };
}

async function start(opts: { idleTimeoutMs: number; maxConnections?: number }): Promise<{ r: SyslogReceiver; events: NormalizedEvent[] }> {
  const events: NormalizedEvent[] = [];
  const r = new SyslogReceiver({ port: 0, maxDelayMs: 20, onBatch: (batch) => void events.push(...batch), ...opts });
  await r.start();
  receiver = r;
  return { r, events };
}

describe('syslog receiver TCP idle timeout', () => {
  it('closes silent connections, counts them, and frees their slots for real senders', async () => {
    const { r, events } = await start({ idleTimeoutMs: 300, maxConnections: 2 });
    const port = r.status().port;
    const hogs = [await open(port), await open(port)];
    await until(() => r.status().connections === 2, 'both connections');
    // Every slot is taken: a third sender is refused.
    const refused = await open(port);
    await until(refused.closed, 'the third connection to be refused');

    await until(() => hogs.every((h) => h.closed()), 'the silent connections to be closed');
    expect(r.status()).toMatchObject({ idleClosed: 2, connections: 0 });
    expect(r.status().recentProblems).toContain('A TCP connection sent nothing for 300 ms and was closed.');

    const sender = await open(port);
    sender.socket.write(`${MSG(1)}\n`);
    await until(() => events.length === 1, 'the message from a new sender');
    expect(events[0]!.raw).toBe(MSG(1));
  });

  it('keeps a connection that goes on sending, however long it lasts', async () => {
    // 8 messages 200 ms apart: the connection outlives the 1 s timeout while never idle for it.
    const { r, events } = await start({ idleTimeoutMs: 1000 });
    const sender = await open(r.status().port);
    for (let i = 0; i < 8; i++) {
      sender.socket.write(`${MSG(i)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await until(() => events.length === 8, 'eight messages');
    expect(sender.closed()).toBe(false);
    expect(r.status()).toMatchObject({ idleClosed: 0, connections: 1 });
  });

  it('keeps a last message without its LF when it closes an idle connection', async () => {
    const { r, events } = await start({ idleTimeoutMs: 200 });
    const sender = await open(r.status().port);
    sender.socket.write(`${MSG(1)}\n${MSG(2)}`);
    await until(sender.closed, 'the idle connection to be closed');
    await r.flush();
    expect(events.map((e) => e.raw)).toEqual([MSG(1), MSG(2)]);
    expect(r.status().idleClosed).toBe(1);
  });

  it('never closes for idleness when the timeout is 0', async () => {
    const r = new SyslogReceiver({ port: 0, onBatch: () => {}, idleTimeoutMs: 0 });
    await r.start();
    receiver = r;
    const sender = await open(r.status().port);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sender.closed()).toBe(false);
    expect(r.status().idleClosed).toBe(0);
  });
});
