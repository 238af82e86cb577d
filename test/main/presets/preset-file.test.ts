/**
 * The preset file: a round trip is exact; a malformed file names each error and yields nothing;
 * the JSON Schema in resources/ is the contract's schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { presetFileSchema, type Preset } from '../../../common/contract.ts';
import { parsePresetFile, writePresetFile } from '../../../main/presets/preset-file.ts';

const PRESETS: Preset[] = [
  {
    name: 'Failed sign-ins, finance',
    description: 'Every failed Okta sign-in of the finance customers, last week.',
    view: { scope: { kind: 'group', group: 'finance-sector' }, range: { preset: '7d' }, query: 'outcome:failure action:user.session.start', order: 'newest' },
    pinned: true,
    startView: true,
  },
  {
    name: 'Incident window',
    description: '',
    view: { scope: { kind: 'tenants', tenantIds: [2, 4] }, range: { from: 1_750_000_000_000, to: 1_750_100_000_000 }, query: 'ip:185.220.101.0/24', order: 'oldest', columns: ['ts', 'actor', 'action'] },
    pinned: false,
    startView: false,
  },
];

describe('preset file', () => {
  it('round-trips exactly', () => {
    const text = writePresetFile(PRESETS);
    const back = parsePresetFile(text);
    expect(back).toEqual({ ok: true, presets: PRESETS });
    expect(writePresetFile(back.ok ? back.presets : [])).toBe(text);
  });

  it('names every error of a malformed file and yields nothing', () => {
    const bad = {
      format: 'trailkeeper-presets',
      version: 1,
      presets: [
        { ...PRESETS[0], name: '' },
        { ...PRESETS[1], view: { ...PRESETS[1]!.view, range: { preset: 'yesterday' } } },
        { ...PRESETS[1], surprise: 1 },
      ],
    };
    const out = parsePresetFile(JSON.stringify(bad));
    expect(out.ok).toBe(false);
    const errors = out.ok ? [] : out.errors;
    expect(errors.some((e) => e.startsWith('presets[0].name: a preset needs a name'))).toBe(true);
    expect(errors.some((e) => e.startsWith('presets[1].view.range'))).toBe(true);
    expect(errors.some((e) => e.startsWith('presets[2]') && e.includes('surprise'))).toBe(true);
  });

  it.each([
    ['not JSON', '{"format": ', /^The file is not JSON: /],
    ['another format', JSON.stringify({ format: 'x', version: 1, presets: [] }), /^format: /],
    ['a newer version', JSON.stringify({ format: 'trailkeeper-presets', version: 2, presets: [] }), /version 2; this Trailkeeper reads version 1/],
    ['duplicate names', writePresetFile([PRESETS[1]!, { ...PRESETS[1]!, name: 'INCIDENT WINDOW' }]), /presets\[1\]\.name: "INCIDENT WINDOW" is also the name of presets\[0\]/],
    ['two start views', writePresetFile([PRESETS[0]!, { ...PRESETS[0]!, name: 'b' }]), /more than one preset is marked as the start view/],
  ])('refuses %s with a sentence', (_what, text, why) => {
    const out = parsePresetFile(text);
    expect(out.ok).toBe(false);
    expect(out.ok ? '' : out.errors.join('\n')).toMatch(why);
  });

  it('the JSON Schema in resources/ is the contract schema', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/presets.schema.json'), 'utf8')) as Record<string, unknown>;
    const { $id: _id, title: _title, ...rest } = file;
    expect(rest).toEqual(JSON.parse(JSON.stringify(z.toJSONSchema(presetFileSchema, { io: 'input' }))));
  });
});
