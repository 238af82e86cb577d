/** prettyJson: literals copied through unchanged, and linear, bounded work on hostile nesting and size. */
import { describe, expect, it } from 'vitest';
import {
  formatJson,
  INDENT_DEPTH_CAP,
  prettyJson,
  viewerRefusal,
  VIEWER_LIMITS,
  type PrettyLimits,
} from '../../../renderer/src/format/prettyJson.ts';

/** Every non-whitespace character outside strings, plus the strings verbatim. */
function tokens(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|\s+/g, (_m, str: string | undefined) => str ?? '');
}

describe('prettyJson', () => {
  it('indents without touching literals', () => {
    const raw = '{"id":12345678901234567890,"s":"a, b: {c}","esc":"\\u00e9\\"q\\"","n":[1,2.50,-0e3],"e":{},"l":[],"t":true}';
    const out = prettyJson(raw);
    expect(out).toBe(
      [
        '{',
        '  "id": 12345678901234567890,',
        '  "s": "a, b: {c}",',
        '  "esc": "\\u00e9\\"q\\"",',
        '  "n": [',
        '    1,',
        '    2.50,',
        '    -0e3',
        '  ],',
        '  "e": {},',
        '  "l": [],',
        '  "t": true',
        '}',
      ].join('\n'),
    );
    expect(tokens(out ?? '')).toBe(tokens(raw));
  });

  it('re-indents already formatted JSON', () => {
    expect(prettyJson('{\n\t"a" : [ ]\r\n}')).toBe('{\n  "a": []\n}');
  });

  it('returns null for text that is not JSON', () => {
    expect(prettyJson('<34>1 2003-10-11T22:14:15.003Z host su - ID47 - hello')).toBeNull();
  });

  it('keeps a bare scalar as it is', () => {
    expect(prettyJson('"x"')).toBe('"x"');
    expect(prettyJson('42')).toBe('42');
  });
});

/** An event nested `depth` levels deep, alternating objects and arrays, as a hostile source could send. */
function nested(depth: number): string {
  let open = '';
  let close = '';
  for (let d = 0; d < depth; d++) {
    open += d % 2 === 0 ? '{"k":' : '[1,';
    close = (d % 2 === 0 ? '}' : ']') + close;
  }
  return open + '"leaf"' + close;
}

const UNBOUNDED: PrettyLimits = { maxRawChars: Infinity, maxDepth: Infinity, maxOutputChars: Infinity };

describe('formatJson on hostile nesting and size', () => {
  it('finishes on an event nested 100,000 deep: the viewer refuses it as too deep, with a sentence saying so', () => {
    const raw = nested(100_000);
    const result = formatJson(raw);
    expect(result).toEqual({ kind: 'too-deep', limit: VIEWER_LIMITS.maxDepth });
    expect(viewerRefusal(result)).toBe('This event is too deeply nested to display: it goes more than 256 levels deep.');
    // The thin wrapper the Monaco viewer uses shows such text as it is.
    expect(prettyJson(raw)).toBeNull();
  });

  it('re-indents 100,000 levels without limits, keeping every token, with indentation capped', () => {
    const raw = nested(100_000);
    const result = formatJson(raw, UNBOUNDED);
    expect(result.kind).toBe('pretty');
    const text = result.kind === 'pretty' ? result.text : '';
    expect(tokens(text)).toBe(tokens(raw));
    const widest = text.split('\n').reduce((w, line) => Math.max(w, /^ */.exec(line)![0].length), 0);
    expect(widest).toBe(2 * INDENT_DEPTH_CAP);
  });

  it('grows linearly with depth (20,000 levels at most 2.2 times 10,000)', () => {
    const size = (depth: number) => {
      const result = formatJson(nested(depth), UNBOUNDED);
      if (result.kind !== 'pretty') throw new Error(`expected pretty output, got ${result.kind}`);
      return result.text.length;
    };
    const at10k = size(10_000);
    const at20k = size(20_000);
    expect(at20k).toBeLessThanOrEqual(2.2 * at10k);
    // And far below the 200 MB the uncapped indentation produced at 10,000 levels.
    expect(at10k).toBeLessThan(2_000_000);
  });

  it('refuses raw text over the size limit before parsing it', () => {
    const raw = JSON.stringify({ blob: 'x'.repeat(2_000) });
    const limits = { ...VIEWER_LIMITS, maxRawChars: 1_000 };
    const result = formatJson(raw, limits);
    expect(result).toEqual({ kind: 'too-large', chars: raw.length, limit: 1_000 });
    expect(viewerRefusal(result)).toBe(
      `This event is too large to display: its raw text is ${raw.length.toLocaleString('en-US')} characters, and the viewer shows up to 1,000.`,
    );
  });

  it('stops once the indented text passes its limit', () => {
    // Small raw, many short tokens at the indentation cap: the output is many times the input.
    const raw = nested(40).replace('"leaf"', `[${Array(2_000).fill(0).join(',')}]`);
    const limits = { ...VIEWER_LIMITS, maxOutputChars: 50_000 };
    expect(raw.length).toBeLessThan(50_000);
    const result = formatJson(raw, limits);
    expect(result).toEqual({ kind: 'output-too-large', limit: 50_000 });
    expect(viewerRefusal(result)).toMatch(/^This event is too large to display: indented, it would be more than 50,000 characters\.$/);
  });

  it('lets ordinary events and plain text through to the viewer', () => {
    expect(viewerRefusal(formatJson(nested(200)))).toBeNull();
    expect(viewerRefusal(formatJson('<34>1 2003-10-11T22:14:15.003Z host su - - hello'))).toBeNull();
  });
});
