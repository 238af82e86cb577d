/**
 * The sync HTTP client: TLS is verified (an unknown certificate is a sentence, not a retry), a
 * custom CA file makes it trusted, a bad CA path is a sentence, and HTTP_PROXY / NO_PROXY decide
 * whether requests go through the proxy.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../main/sync/connector.ts';
import { createSyncHttp } from '../../../main/sync/http.ts';

const tls = join(import.meta.dirname, '../../fixtures/tls');
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe('sync HTTP client', () => {
  it('refuses an untrusted certificate with a sentence, and trusts it with the CA file', async () => {
    const port = await listen(
      createHttpsServer({ cert: readFileSync(join(tls, 'localhost-cert.pem')), key: readFileSync(join(tls, 'localhost-key.pem')) }, (_q, res) => res.end('{"ok":true}')),
    );
    const plain = createSyncHttp({ env: {} });
    const failure = await plain.fetch(`https://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncError);
    expect((failure as SyncError).message).toMatch(new RegExp(`^The certificate of 127\\.0\\.0\\.1:${port} is not trusted \\(\\w+\\): if a proxy inspects TLS, add its CA file in settings\\.$`));
    expect((failure as SyncError).retryable).toBe(false);
    await plain.close();

    const trusting = createSyncHttp({ env: {}, caFile: join(tls, 'localhost-cert.pem') });
    expect(await (await trusting.fetch(`https://127.0.0.1:${port}/`)).json()).toEqual({ ok: true });
    await trusting.close();
  });

  it('says when the CA file cannot be read or holds no certificate', () => {
    expect(() => createSyncHttp({ caFile: join(tls, 'missing.pem') })).toThrow(/^The CA file .*missing\.pem cannot be read \(ENOENT\); check the path in settings\.$/);
    expect(() => createSyncHttp({ caFile: join(tls, 'README.md') })).toThrow(/holds no PEM certificate/);
  });

  it('goes through HTTP_PROXY, except for hosts in NO_PROXY', async () => {
    const target = await listen(createHttpServer((_q, res) => res.end('target')));
    const seen: string[] = [];
    const proxy = createHttpServer((req, res) => {
      // A forwarding proxy for absolute-form requests.
      seen.push(`${req.method} ${req.url}`);
      fetch(req.url!).then(async (r) => res.end(await r.text()), () => res.destroy());
    });
    proxy.on('connect', (req, socket) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, p] = req.url!.split(':');
      const upstream = connect(Number(p), host!, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
    });
    const proxyPort = await listen(proxy);
    const proxied = createSyncHttp({ env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}` } });
    expect(await (await proxied.fetch(`http://127.0.0.1:${target}/logs`)).text()).toBe('target');
    await proxied.close();
    expect(seen.length).toBe(1);
    expect(seen[0]).toContain(`127.0.0.1:${target}`);

    const bypass = createSyncHttp({ env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: '127.0.0.1' } });
    expect(await (await bypass.fetch(`http://127.0.0.1:${target}/logs`)).text()).toBe('target');
    await bypass.close();
    expect(seen.length).toBe(1);
  });
});
