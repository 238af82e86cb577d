/**
 * What sits at a character offset of JSON text (the inspector's cursor): the innermost value
 * there, its JSONPath (`$.actor.alternateId`, `$.target[0]["display name"]`) and its value as a
 * user would paste it: a string decoded, a number or literal exactly as written (no rounding of
 * 64-bit ids), an object or array as its text. A cursor on a key means that key's value.
 */
export type JsonSpot = { path: string; value: string };

/** Nesting beyond this is not walked (the viewer refuses deeper events anyway, prettyJson.ts). */
const MAX_DEPTH = 512;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function keySegment(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The spot at `offset` in `text`, or null when the text is not JSON. */
export function jsonSpotAt(text: string, offset: number): JsonSpot | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  let i = 0;
  let found: { path: string; start: number; end: number } | null = null;

  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const endOfString = (start: number): number => {
    let j = start + 1;
    while (j < text.length) {
      const ch = text.charAt(j);
      if (ch === '\\') j += 2;
      else if (ch === '"') return j + 1;
      else j++;
    }
    return text.length;
  };
  const contains = (start: number, end: number) => start <= offset && offset <= end;

  /** Parses the value at i; returns its span. Children finish first, so the first hit is the innermost. */
  const value = (path: string, depth: number): [number, number] => {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    skipSpace();
    const start = i;
    const ch = text.charAt(i);
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      skipSpace();
      for (let index = 0; text.charAt(i) !== close; index++) {
        if (ch === '{') {
          const keyStart = i;
          i = endOfString(keyStart);
          const key = JSON.parse(text.slice(keyStart, i)) as string;
          skipSpace();
          i++; // ':'
          const childPath = path + keySegment(key);
          const [childStart, childEnd] = value(childPath, depth + 1);
          // On the key, its colon or the space before the value: that member's value.
          if (found === null && keyStart <= offset && offset < childStart) {
            found = { path: childPath, start: childStart, end: childEnd };
          }
        } else {
          value(`${path}[${index}]`, depth + 1);
        }
        skipSpace();
        if (text.charAt(i) === ',') i++;
        skipSpace();
      }
      i++;
    } else if (ch === '"') {
      i = endOfString(start);
    } else {
      while (i < text.length && !'{}[],: \t\n\r'.includes(text.charAt(i))) i++;
    }
    const end = i;
    if (found === null && contains(start, end)) found = { path, start, end };
    return [start, end];
  };

  try {
    value('$', 0);
  } catch {
    return null;
  }
  if (found === null) return null;
  const { path, start, end } = found as { path: string; start: number; end: number };
  const literal = text.slice(start, end);
  return { path, value: literal.startsWith('"') ? (JSON.parse(literal) as string) : literal };
}
