/**
 * The one HTTP client every connector uses (undici): HTTPS_PROXY / HTTP_PROXY / NO_PROXY are
 * honoured through undici's EnvHttpProxyAgent, a custom CA file is added to Node's roots (for
 * TLS-inspecting proxies), and certificate checks are never turned off. Network failures become
 * SyncErrors with a sentence that names the host, never the request's headers (they hold tokens).
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { SyncError } from './connector.ts';

export interface HttpOptions {
  /** PEM file with extra CA certificates, trusted beside the system roots. */
  caFile?: string | null;
  /** Where proxy settings come from (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Time allowed for response headers, and between body chunks (ms). */
  timeoutMs?: number;
}

export interface SyncHttp {
  fetch: typeof fetch;
  close(): Promise<void>;
}

const envValue = (env: Record<string, string | undefined>, name: string) => env[name] ?? env[name.toLowerCase()];

/** Reads the CA file once; a missing or empty file is a sentence, not a crash at first request. */
export function loadCaFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SyncError(`The CA file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path in settings.`);
  }
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certs.length === 0) throw new SyncError(`The CA file ${path} holds no PEM certificate; check the path in settings.`);
  return certs;
}

export function createSyncHttp(opts: HttpOptions = {}): SyncHttp {
  const env = opts.env ?? process.env;
  const extra = opts.caFile ? loadCaFile(opts.caFile) : [];
  // rejectUnauthorized is stated, not defaulted: no option anywhere turns verification off.
  const tls = { ca: extra.length ? [...rootCertificates, ...extra] : undefined, rejectUnauthorized: true };
  const timeout = opts.timeoutMs ?? 60_000;
  const httpProxy = envValue(env, 'HTTP_PROXY');
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  const noProxy = envValue(env, 'NO_PROXY');
  const agent = new EnvHttpProxyAgent({
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    try {
      return (await undiciFetch(input as never, { ...(init as object), dispatcher: agent } as never)) as unknown as Response;
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      throw networkError(error, String(input instanceof Request ? input.url : input));
    }
  }) as typeof fetch;
  return { fetch: wrapped, close: () => agent.close() };
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO/;

/** A thrown fetch failure as a SyncError naming the host; TLS trust failures are not retried. */
export function networkError(error: unknown, url: string): SyncError {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the text
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  if (TLS_CODES.test(code)) {
    return new SyncError(`The certificate of ${host} is not trusted (${code}): if a proxy inspects TLS, add its CA file in settings.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SyncError(`The host ${host} cannot be found (${code}): check the base URL.`, { retryable: code === 'EAI_AGAIN' });
  }
  const what = code || (error instanceof Error ? error.name : 'error');
  return new SyncError(`The connection to ${host} failed (${what}); Trailkeeper will retry.`, { retryable: true });
}
