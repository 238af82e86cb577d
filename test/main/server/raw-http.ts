/**
 * Test helpers for the HTTP host: raw TCP requests (a real client would normalise the hostile
 * request line before sending it) and a small request function over node:http.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Sends `text` as is and resolves with everything the host answers until it closes or goes quiet. */
export function rawExchange(port: number, text: string, quietMs = 1500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    };
    socket.on('data', (c: Buffer) => {
      answer += c.toString('latin1');
      quiet();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error) => (answer ? finish() : reject(error)));
    socket.on('connect', () => {
      socket.write(text);
      quiet();
    });
  });
}

/** The status code of a raw HTTP answer, or 0 when there was none. */
export function statusOf(answer: string): number {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
  return match ? Number(match[1]) : 0;
}

/** Opens a socket, writes `text` and leaves the socket open (a stalled, half-sent request). */
export function openStalled(port: number, text: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(text);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

export function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
