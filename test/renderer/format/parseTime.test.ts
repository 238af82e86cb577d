/** Typed times for "go to": read in the zone shown unless they name their own; a bad one is named. */
import { describe, expect, it } from 'vitest';
import { parseTypedTime } from '../../../renderer/src/format/parseTime.ts';

describe('parseTypedTime', () => {
  it('reads a date and time in UTC when the table shows UTC', () => {
    expect(parseTypedTime('2026-03-01 14:00', 'utc')).toEqual({ ok: true, ts: Date.UTC(2026, 2, 1, 14, 0) });
    expect(parseTypedTime(' 2026-03-01T14:00:05.25 ', 'utc')).toEqual({ ok: true, ts: Date.UTC(2026, 2, 1, 14, 0, 5, 250) });
    expect(parseTypedTime('2026-03-01', 'utc')).toEqual({ ok: true, ts: Date.UTC(2026, 2, 1) });
  });

  it('reads it in the local zone when the table shows local time, unless the text names a zone', () => {
    expect(parseTypedTime('2026-03-01 14:00', 'local')).toEqual({ ok: true, ts: new Date(2026, 2, 1, 14, 0).getTime() });
    expect(parseTypedTime('2026-03-01 14:00+02:00', 'local')).toEqual({ ok: true, ts: Date.UTC(2026, 2, 1, 12, 0) });
    expect(parseTypedTime('2026-03-01T14:00Z', 'local')).toEqual({ ok: true, ts: Date.UTC(2026, 2, 1, 14, 0) });
  });

  it('names what it expected for text that is not a time, or a day that does not exist', () => {
    const bad = parseTypedTime('yesterday', 'utc');
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.message).toContain('2026-03-01 14:00');
    const feb = parseTypedTime('2026-02-31 10:00', 'utc');
    expect(!feb.ok && feb.message).toContain('"2026-02-31 10:00" is not a valid date and time');
    expect(parseTypedTime('2026-03-01 25:00', 'utc')).toMatchObject({ ok: false });
  });
});
