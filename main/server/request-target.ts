/**
 * Splits a request target into its path and query without `new URL`, which throws on targets
 * like `//[` or `http://[` (issue 7, item 1). Only origin-form targets (`/path?query`) are
 * accepted; anything else is refused by the caller with a 400.
 */
export interface RequestTarget {
  pathname: string;
  params: URLSearchParams;
}

export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (!raw || raw[0] !== '/' || raw.startsWith('//')) return null;
  const q = raw.indexOf('?');
  const pathname = q < 0 ? raw : raw.slice(0, q);
  // URLSearchParams accepts any string (bad escapes stay literal), so this cannot throw.
  return { pathname, params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

/** A request path fit for one log line: no control characters, bounded length. */
export function loggablePath(pathname: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = pathname.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
