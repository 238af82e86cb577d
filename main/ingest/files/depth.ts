/**
 * The nesting limit at import. No audit source nests anywhere near it (Okta, CloudTrail, Graph and
 * M365 records stay under 10 levels), while a record nested 100,000 deep costs every consumer of
 * `raw` (pretty-printing, the inspector, exports) time and stack for nothing. A record nested
 * deeper than MAX_RECORD_DEPTH is refused with its line; the rest of the file imports.
 */

/** Levels of objects and arrays, the record's own braces counting as level 1. */
export const MAX_RECORD_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when JSON text nests deeper than `max` levels (brackets inside strings do not count).
 * Text that is not JSON is scanned the same way; only its brackets matter.
 */
export function nestsDeeperThan(text: string, max: number = MAX_RECORD_DEPTH): boolean {
  // Fewer than max + 1 opening brackets anywhere cannot nest deeper than max: skip the scan.
  let opens = 0;
  for (let at = text.indexOf('{'); at !== -1 && opens <= max; at = text.indexOf('{', at + 1)) opens++;
  for (let at = text.indexOf('['); at !== -1 && opens <= max; at = text.indexOf('[', at + 1)) opens++;
  if (opens <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The sentence for a record nested too deep; `what` names it ("Line 3"). */
export function tooDeep(what: string): string {
  return `${what} is nested more than ${MAX_RECORD_DEPTH} levels deep; Trailkeeper does not import records that deep.`;
}
