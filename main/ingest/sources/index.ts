/** The audit sources Trailkeeper can read, and the normaliser for each. */
import type { NormalizedEvent } from '../../domain/event.ts';
import * as cloudtrail from './cloudtrail.ts';
import * as entra from './entra.ts';
import * as generic from './generic.ts';
import * as github from './github.ts';
import * as m365 from './m365.ts';
import * as okta from './okta.ts';
import * as portal from './portal.ts';
import * as syslog from './syslog.ts';

export type SourceKind = 'okta' | 'github' | 'cloudtrail' | 'm365' | 'syslog' | 'generic' | 'entra' | 'portal';

export const SOURCE_KINDS: readonly SourceKind[] = ['okta', 'github', 'cloudtrail', 'm365', 'syslog', 'generic', 'entra', 'portal'];

/**
 * Maps one received record to a normalised event. `raw` is the record exactly as received;
 * `obj` is its parsed JSON (ignored by syslog, which parses `raw`). Throws a sentence naming
 * the record when it cannot be read.
 */
export type Normalizer = (raw: string, obj: unknown) => NormalizedEvent;

const NORMALIZERS: Record<SourceKind, Normalizer> = {
  okta: okta.normalize,
  github: github.normalize,
  cloudtrail: cloudtrail.normalize,
  m365: m365.normalize,
  syslog: syslog.normalize,
  generic: generic.normalize,
  entra: entra.normalize,
  portal: portal.normalize,
};

/**
 * The version of each normaliser, CSV column mapping included: bump it when a change makes the
 * same raw record derive different columns. Each batch records `kind@version`, and verify
 * re-derives only events whose normaliser version this build still has (store/verify.ts).
 */
export const NORMALIZER_VERSIONS: Readonly<Record<SourceKind, number>> = {
  okta: 1, github: 1, cloudtrail: 1, m365: 1, syslog: 1, generic: 1, entra: 1, portal: 1,
};

export function normalizerFor(kind: SourceKind): Normalizer {
  return NORMALIZERS[kind];
}

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

/** Which JSON source wrote this record, judged by its own identifying fields; null when unsure. */
export function guessSourceKind(obj: unknown): Exclude<SourceKind, 'syslog'> | null {
  if (generic.looksLike(obj)) return 'generic';
  if (okta.looksLike(obj)) return 'okta';
  if (cloudtrail.looksLike(obj)) return 'cloudtrail';
  if (m365.looksLike(obj)) return 'm365';
  if (github.looksLike(obj)) return 'github';
  if (entra.looksLike(obj)) return 'entra';
  if (portal.looksLike(obj)) return 'portal';
  return null;
}
