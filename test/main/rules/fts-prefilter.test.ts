/**
 * The full-text prefilter (main/rules/fts-prefilter.ts): which words a rule promises every match
 * holds. Soundness over random rules and escaped events is the differential test's; this is the
 * table of shapes, so a change to what it promises is seen.
 */
import { describe, expect, it } from 'vitest';
import { ftsPrefilter } from '../../../main/rules/fts-prefilter.ts';
import { detectionRule, oktaRule } from '../../support/sigma-harness.ts';

const prefilterOf = (detection: string) => ftsPrefilter(detectionRule(oktaRule(detection)).cond);

describe('full-text prefilter', () => {
  it.each([
    ['a whole value is a phrase', 's:\n  displayMessage: Max sign in attempts exceeded\ncondition: s', '"max sign in attempts exceeded"'],
    ['separators split words as the index does', "s:\n  legacyEventType: 'core.user_auth.login_failed'\ncondition: s", '"core user auth login failed"'],
    ['contains keeps only the words bounded inside the literal', "s:\n  a|contains: 'xadmin panel userz'\ncondition: s", '"panel"'],
    ['startswith keeps the first words', "s:\n  a|startswith: 'admin panel x'\ncondition: s", '"admin panel"'],
    ['endswith keeps the last words', "s:\n  a|endswith: 'x admin panel'\ncondition: s", '"admin panel"'],
    ['a list of values is an OR', 's:\n  a:\n    - one two\n    - three\ncondition: s', '("one two") OR ("three")'],
    ['AND keeps every part that promises something', "s:\n  a: alpha\n  b|re: '^x'\n  c: beta\ncondition: s", '("alpha") AND ("beta")'],
    ['a word touching a wildcard is not whole', "s:\n  a: 'alpha one*two beta'\ncondition: s", '"alpha" AND "beta"'],
  ])('%s', (_name, detection, query) => {
    expect(prefilterOf(detection)).toBe(query);
  });

  it.each([
    ['a contained word may be part of a longer one', "s:\n  a|contains: admin\ncondition: s"],
    ['a number may be written otherwise in the raw text', 's:\n  a: 100\ncondition: s'],
    ['non-ASCII letters may be escaped or folded differently', 's:\n  a: café\ncondition: s'],
    ['NOT promises nothing', 's:\n  a: alpha\ncondition: not s'],
    ['an OR with one side unknown promises nothing', "s1:\n  a: alpha\ns2:\n  b|re: x\ncondition: s1 or s2"],
    ['a regular expression promises nothing', "s:\n  a|re: 'alpha'\ncondition: s"],
  ])('none when %s', (_name, detection) => {
    expect(prefilterOf(detection)).toBeNull();
  });
});
