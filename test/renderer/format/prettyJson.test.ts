import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../../renderer/src/format/prettyJson.ts';

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
