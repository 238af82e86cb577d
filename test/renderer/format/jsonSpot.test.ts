/** The inspector's "value or JSON path under the cursor": the innermost value at an offset of the shown (re-indented) JSON. */
import { describe, expect, it } from 'vitest';
import { jsonSpotAt, keySegment } from '../../../renderer/src/format/jsonSpot.ts';
import { prettyJson } from '../../../renderer/src/format/prettyJson.ts';

const RAW = '{"actor":{"alternateId":"ana@acme.test","id":12345678901234567890},"target":[{"display name":"App \\"One\\"","n":[true,null]}],"ok":false}';
const TEXT = prettyJson(RAW)!;
/** The offset of the n-th occurrence of `needle` in the shown text, plus `into` characters. */
const at = (needle: string, into = 1, nth = 0) => {
  let index = -1;
  for (let k = 0; k <= nth; k++) index = TEXT.indexOf(needle, index + 1);
  expect(index).toBeGreaterThanOrEqual(0);
  return index + into;
};

describe('jsonSpotAt', () => {
  it('names a nested string by its path and gives it decoded', () => {
    expect(jsonSpotAt(TEXT, at('"ana@'))).toEqual({ path: '$.actor.alternateId', value: 'ana@acme.test' });
    expect(jsonSpotAt(TEXT, at('"App'))).toEqual({ path: '$.target[0]["display name"]', value: 'App "One"' });
  });

  it('keeps a 64-bit number exactly as written', () => {
    expect(jsonSpotAt(TEXT, at('1234567890123'))).toEqual({ path: '$.actor.id', value: '12345678901234567890' });
  });

  it('a cursor on a key, or just after it, means that key\'s value', () => {
    expect(jsonSpotAt(TEXT, at('"alternateId"', 3))).toEqual({ path: '$.actor.alternateId', value: 'ana@acme.test' });
    expect(jsonSpotAt(TEXT, at('"ok": ', 5))).toEqual({ path: '$.ok', value: 'false' });
  });

  it('array items by index; a container gives its text', () => {
    expect(jsonSpotAt(TEXT, at('null'))).toEqual({ path: '$.target[0].n[1]', value: 'null' });
    const actor = jsonSpotAt(TEXT, at('"actor": {', 10));
    expect(actor?.path).toBe('$.actor');
    expect(actor!.value.replace(/\s+/g, '')).toBe('{"alternateId":"ana@acme.test","id":12345678901234567890}');
    expect(jsonSpotAt(TEXT, 0)).toEqual({ path: '$', value: TEXT });
  });

  it('works on compact text too, and says nothing for text that is not JSON', () => {
    expect(jsonSpotAt(RAW, RAW.indexOf('true') + 2)).toEqual({ path: '$.target[0].n[0]', value: 'true' });
    expect(jsonSpotAt('<13>Jan 1 host sshd: fail', 3)).toBeNull();
  });

  it('quotes keys that are not plain identifiers', () => {
    expect(keySegment('ok_1')).toBe('.ok_1');
    expect(keySegment('a.b')).toBe('["a.b"]');
    expect(keySegment('1st')).toBe('["1st"]');
  });
});
