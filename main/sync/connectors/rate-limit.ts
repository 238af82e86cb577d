/**
 * Reading how long a source asks us to wait, and waiting on an injectable clock. Sources say it
 * three ways: `Retry-After` (seconds or an HTTP date; GitHub, Graph, the portal), an epoch-seconds
 * reset (`X-Rate-Limit-Reset` on Okta, `x-ratelimit-reset` on GitHub), and a remaining count that
 * reaching 0 means "wait for the reset before the next call".
 */
import type { SyncClock } from '../connector.ts';

/** The real clock: Date.now and a timer that stops when the signal aborts. */
export const systemClock: SyncClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  }),
};

/** Milliseconds from `Retry-After` (delta seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Milliseconds until an epoch-seconds reset header, or null when absent or unreadable. The reset
 * is the server's time, so it is measured against the answer's own `Date` header when there is
 * one (Okta advises this): a local clock that is off by a minute then neither hammers the source
 * nor waits a minute too long.
 */
export function resetInMs(headers: Headers, name: string, now: number): number | null {
  const value = headers.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  const date = headers.get('date');
  const serverNow = date === null ? Number.NaN : Date.parse(date);
  return Math.max(0, Number(value.trim()) * 1000 - (Number.isNaN(serverNow) ? now : serverNow));
}

/** The remaining-call count in a header, or null when absent. */
export function remaining(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}
