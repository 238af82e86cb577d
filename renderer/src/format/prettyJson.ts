/**
 * Re-indents JSON text without re-serialising it. JSON.parse + stringify would round 64-bit
 * integers and rewrite escapes, so a displayed event could differ from the evidence; this only
 * changes whitespace between tokens and copies every literal through unchanged.
 * Returns null when the text is not JSON (a syslog line, say), to be shown as it is.
 */
export function prettyJson(text: string, indent = '  '): string | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  let out = '';
  let depth = 0;
  const newline = (): string => '\n' + indent.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (ch === '{' || ch === '[') {
      const next = nextNonSpace(text, i + 1);
      if (text.charAt(next) === (ch === '{' ? '}' : ']')) {
        out += ch + text.charAt(next); // keep empty containers on one line
        i = next;
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') {
      out += ',' + newline();
    } else if (ch === ':') {
      out += ': ';
    } else if (!isJsonSpace(ch)) {
      out += ch;
    }
  }
  return out;
}

function isJsonSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isJsonSpace(text.charAt(i))) i++;
  return i;
}

/** Index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  return text.length;
}
