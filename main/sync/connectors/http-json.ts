/**
 * One JSON request to a source, with everything every connector needs the same way: the engine's
 * fetch (proxy, CA), cancellation, a timeout, rate-limit waits reported through onWait, and every
 * failure turned into a SyncError sentence that names the source and never contains the secret.
 * What a status means (a refusal, a rate limit) is the source's own policy, handed in.
 */
import { SyncError, type Credentials, type PullContext, type SyncClock } from '../connector.ts';
import { systemClock } from './rate-limit.ts';

export type HttpContext = Pick<PullContext, 'signal' | 'fetch' | 'onWait' | 'clock' | 'credentials'>;

export interface SourcePolicy {
  /** How sentences start: 'Okta', 'GitHub', 'Microsoft Graph', … */
  source: string;
  /** When this answer is a rate limit, how long to wait before asking again (ms); else null. */
  rateLimitWait(status: number, headers: Headers, now: number): number | null;
  /** After a good answer, how long to pause before the next call (remaining count at 0); else null. */
  pauseAfter?(headers: Headers, now: number): number | null;
  /** The sentence for a refusal (4xx other than a rate limit), or null for the generic one. */
  refusal(status: number, body: unknown): string | null;
}

export interface JsonAnswer {
  url: string;
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RequestInitLite {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Waits above this are not sat out inside a run: the error carries retryAfterMs for the engine. */
export const MAX_INLINE_WAIT_MS = 5 * 60_000;
/** Rate-limit answers in a row before the call gives up and lets the engine retry later. */
export const MAX_RATE_LIMIT_WAITS = 8;
const FALLBACK_WAIT_MS = 10_000;

export class JsonClient {
  readonly policy: SourcePolicy;
  readonly ctx: HttpContext;
  readonly clock: SyncClock;
  readonly timeoutMs: number;
  private pauseUntil = 0;

  constructor(policy: SourcePolicy, ctx: HttpContext, opts: { timeoutMs?: number } = {}) {
    this.policy = policy;
    this.ctx = ctx;
    this.clock = ctx.clock ?? systemClock;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  /** A SyncError whose message cannot carry the secret, whatever was interpolated into it. */
  error(message: string, opts: ConstructorParameters<typeof SyncError>[1] = {}): SyncError {
    return new SyncError(redact(message, this.ctx.credentials), opts);
  }

  async request(url: string, init: RequestInitLite = {}): Promise<JsonAnswer> {
    const { source } = this.policy;
    for (let waits = 0; ; waits++) {
      const pause = this.pauseUntil - this.clock.now();
      if (pause > 0) await this.wait(pause, `${source} rate limit: waiting for the reset`);
      const res = await this.send(url, init);
      const text = await this.readBody(res);
      const now = this.clock.now();
      const wait = this.policy.rateLimitWait(res.status, res.headers, now);
      if (wait !== null) {
        const ms = wait > 0 ? wait : FALLBACK_WAIT_MS;
        if (waits >= MAX_RATE_LIMIT_WAITS || ms > MAX_INLINE_WAIT_MS) {
          throw this.error(`${source} is rate limiting requests (${res.status}): Trailkeeper will try again in ${Math.ceil(ms / 1000)} s.`,
            { retryable: true, status: res.status, retryAfterMs: ms });
        }
        await this.wait(ms, `${source} rate limit (${res.status})`);
        continue;
      }
      if (res.status >= 500) {
        throw this.error(`${source} answered ${res.status} (a server error): Trailkeeper will try again.`, { retryable: true, status: res.status });
      }
      if (res.status < 200 || res.status >= 300) {
        const sentence = this.policy.refusal(res.status, tryParse(text)) ?? `${source} refused the request (${res.status}): check the connection's settings.`;
        throw this.error(sentence, { status: res.status, retryable: res.status === 408 });
      }
      const body = this.parse(text, res.headers);
      const after = this.policy.pauseAfter?.(res.headers, now) ?? null;
      if (after !== null && after > 0) this.pauseUntil = now + after;
      return { url, status: res.status, headers: res.headers, body };
    }
  }

  private async wait(ms: number, reason: string): Promise<void> {
    this.ctx.onWait?.(ms, reason);
    await this.clock.sleep(ms, this.ctx.signal);
  }

  private async send(url: string, init: RequestInitLite): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await this.ctx.fetch(url, {
        method: init.method ?? 'GET',
        headers: { accept: 'application/json', ...init.headers },
        body: init.body,
        redirect: 'follow',
        signal: AbortSignal.any([this.ctx.signal, timeout]),
      });
    } catch (err) {
      throw this.networkError(err, url, timeout);
    }
  }

  private async readBody(res: Response): Promise<string> {
    try {
      return await res.text();
    } catch (err) {
      if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
      throw this.error(`${this.policy.source} dropped the connection in the middle of an answer (${causeOf(err)}): Trailkeeper will try again.`,
        { retryable: true, status: res.status });
    }
  }

  private parse(text: string, headers: Headers): unknown {
    try {
      return JSON.parse(text);
    } catch {
      const type = headers.get('content-type') ?? '';
      if (/html/i.test(type) || /^\s*</.test(text)) {
        throw this.error(`${this.policy.source} answered with a web page instead of JSON: check the connection's base URL.`);
      }
      throw this.error(`${this.policy.source} sent an incomplete or malformed answer (${text.length} bytes of JSON that do not parse): Trailkeeper will try again.`,
        { retryable: true });
    }
  }

  private networkError(err: unknown, url: string, timeout: AbortSignal): unknown {
    if (this.ctx.signal.aborted) return this.ctx.signal.reason;
    const { source } = this.policy;
    const host = hostOf(url);
    if (timeout.aborted) {
      return this.error(`${source} did not answer within ${Math.round(this.timeoutMs / 1000)} s at ${host}: Trailkeeper will try again.`, { retryable: true });
    }
    const cause = causeOf(err);
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(cause)) {
      return this.error(`${source} at ${host} presented a certificate Trailkeeper does not trust (${cause}): add your organisation's CA file in Settings.`);
    }
    return this.error(`${source} could not be reached at ${host} (${cause}): check the base URL and the network; Trailkeeper will try again.`, { retryable: true });
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/** The most specific code or message of a fetch failure (undici wraps the socket error in `cause`). */
export function causeOf(err: unknown): string {
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur !== null && typeof cur === 'object'; depth++) {
    const e = cur as { code?: unknown; cause?: unknown; message?: unknown };
    if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET' && e.code !== 'ABORT_ERR') return e.code;
    if (e.cause === undefined) return typeof e.message === 'string' ? e.message : String(cur);
    cur = e.cause;
  }
  return String(cur);
}

/** Removes the secret (and its base64, as in Basic auth) from a sentence, whatever put it there. */
export function redact(message: string, credentials: Credentials): string {
  const secret = credentials.secret;
  if (secret.length < 4) return message;
  let out = message.split(secret).join('[secret]');
  const b64 = Buffer.from(secret).toString('base64');
  out = out.split(b64).join('[secret]');
  return out;
}

/** The URL with its query replaced by these parameters (in this order), for a first page. */
export function withQuery(base: string, path: string, params: Record<string, string | number | undefined>): string {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}

/** Milliseconds as ISO-8601 UTC with milliseconds: 2026-01-02T03:04:05.678Z. */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}
