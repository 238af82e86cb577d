/**
 * RFC 8288 `Link` headers, as Okta and GitHub page with them: `<url>; rel="next", <url>; rel="self"`.
 * Connectors follow the URL the source gives and never build a cursor themselves.
 */

/** The URL of the link with this relation, resolved against the request URL; null when absent. */
export function linkRel(header: string | null, rel: string, base: string): string | null {
  if (header === null) return null;
  for (const part of splitLinks(header)) {
    const m = /^\s*<([^>]*)>(.*)$/s.exec(part);
    if (m === null) continue;
    const [, target, params] = m;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params ?? '');
    const names = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (names.includes(rel) && target !== undefined) {
      try {
        return new URL(target, base).toString();
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Splits on commas that sit between links, not inside `<…>` or quoted parameters. */
function splitLinks(header: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') depth++;
    else if (!quoted && c === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ',') {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts;
}
