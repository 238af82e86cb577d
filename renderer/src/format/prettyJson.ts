/**
 * Re-indents JSON text without re-serialising it. JSON.parse + stringify would round 64-bit
 * integers and rewrite escapes, so a displayed event could differ from the evidence; this only
 * changes whitespace between tokens and copies every literal through unchanged.
 *
 * Any stored event can reach the viewer, so the work is linear and bounded: one loop over the
 * text (no recursion), indentation stops growing past INDENT_DEPTH_CAP (otherwise an event
 * nested 10,000 deep becomes 200 MB of spaces), and the pass gives up on text longer, deeper or
 * with a longer result than its limits, saying which limit it met.
 */
import { formatCount } from './count.ts';

/** Levels beyond this are indented no further: each line costs at most this many indents. */
export const INDENT_DEPTH_CAP = 32;

export type PrettyLimits = {
  /** Longest raw text (characters) to re-indent at all. */
  maxRawChars: number;
  /** Deepest nesting of objects and arrays to re-indent. */
  maxDepth: number;
  /** Longest re-indented text (characters). */
  maxOutputChars: number;
};

/** What the event viewer (Monaco) can show comfortably; real audit events sit far below. */
export const VIEWER_LIMITS: PrettyLimits = {
  maxRawChars: 1024 * 1024,
  maxDepth: 256,
  maxOutputChars: 4 * 1024 * 1024,
};

export type PrettyResult =
  | { kind: 'pretty'; text: string }
  | { kind: 'not-json' }
  | { kind: 'too-large'; chars: number; limit: number }
  | { kind: 'too-deep'; limit: number }
  | { kind: 'output-too-large'; limit: number };

/** Re-indents `text` within `limits`, or says why it did not. */
export function formatJson(text: string, limits: PrettyLimits = VIEWER_LIMITS, indent = '  '): PrettyResult {
  if (text.length > limits.maxRawChars) return { kind: 'too-large', chars: text.length, limit: limits.maxRawChars };
  try {
    JSON.parse(text); // V8's parser is iterative: deep nesting does not overflow the stack
  } catch {
    return { kind: 'not-json' };
  }
  // One string per indentation level up to the cap, built once, so a newline costs one lookup.
  const newlines = Array.from({ length: INDENT_DEPTH_CAP + 1 }, (_, d) => '\n' + indent.repeat(d));
  const newline = (depth: number): string => newlines[Math.min(depth, INDENT_DEPTH_CAP)]!;
  const parts: string[] = [];
  let length = 0;
  const push = (piece: string): void => {
    parts.push(piece);
    length += piece.length;
  };
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (length > limits.maxOutputChars) return { kind: 'output-too-large', limit: limits.maxOutputChars };
    const ch = text.charAt(i);
    if (ch === '"') {
      const end = endOfString(text, i);
      push(text.slice(i, end));
      i = end - 1;
    } else if (ch === '{' || ch === '[') {
      const next = nextNonSpace(text, i + 1);
      if (text.charAt(next) === (ch === '{' ? '}' : ']')) {
        push(ch + text.charAt(next)); // keep empty containers on one line
        i = next;
      } else {
        depth++;
        if (depth > limits.maxDepth) return { kind: 'too-deep', limit: limits.maxDepth };
        push(ch + newline(depth));
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      push(newline(depth) + ch);
    } else if (ch === ',') {
      push(',' + newline(depth));
    } else if (ch === ':') {
      push(': ');
    } else if (!isJsonSpace(ch)) {
      const end = endOfBareToken(text, i);
      push(text.slice(i, end));
      i = end - 1;
    }
  }
  if (length > limits.maxOutputChars) return { kind: 'output-too-large', limit: limits.maxOutputChars };
  return { kind: 'pretty', text: parts.join('') };
}

/**
 * The re-indented text within the viewer's limits, or null to show the text as it is: when it
 * is not JSON (a syslog line, say), or too large or deep to re-indent.
 */
export function prettyJson(text: string, indent = '  '): string | null {
  const result = formatJson(text, VIEWER_LIMITS, indent);
  return result.kind === 'pretty' ? result.text : null;
}

/**
 * Why the viewer will not show this text, in one sentence for the inspector's note, or null when
 * it can (re-indented, or as it is when it is not JSON).
 */
export function viewerRefusal(result: PrettyResult): string | null {
  switch (result.kind) {
    case 'pretty':
    case 'not-json':
      return null;
    case 'too-large':
      return `This event is too large to display: its raw text is ${formatCount(result.chars)} characters, and the viewer shows up to ${formatCount(result.limit)}.`;
    case 'too-deep':
      return `This event is too deeply nested to display: it goes more than ${formatCount(result.limit)} levels deep.`;
    case 'output-too-large':
      return `This event is too large to display: indented, it would be more than ${formatCount(result.limit)} characters.`;
  }
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

/** Index just past a number or literal (true, false, null) starting at `start`. */
function endOfBareToken(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && !'{}[],:" \t\n\r'.includes(text.charAt(i))) i++;
  return i;
}
