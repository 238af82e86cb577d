/**
 * The manifest written beside every export (format `trailkeeper-export-manifest`, version 1,
 * documented in docs/export-manifest.md): what was exported, from which view, each file's sha256,
 * size and row count, every tenant in scope with its hash-chain head at export time, and the
 * sha256 of the manifest's own canonical form, so an edit to any of it shows.
 */
import { createHash } from 'node:crypto';

export const MANIFEST_FORMAT = 'trailkeeper-export-manifest';
export const MANIFEST_VERSION = 1;
/** The self-hash field: left out of the canonical form it is computed over. */
export const SELF_HASH_FIELD = 'manifestSha256';

export interface ManifestFile {
  /** File name relative to the manifest's folder. */
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
}

export interface ManifestTenant {
  id: number;
  name: string;
  /** tenants.chain_head when the export started: the last link of the tenant's batch hash chain. */
  chainHead: string | null;
  eventCount: number;
}

export interface ExportManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  appVersion: string;
  /** When the export finished, UTC ISO-8601. */
  createdAt: string;
  exportFormat: string;
  view: unknown;
  rows: number;
  tenants: ManifestTenant[];
  files: ManifestFile[];
  manifestSha256: string;
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, JSON.stringify for
 * strings and numbers; `undefined` members are dropped as JSON.stringify drops them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`A manifest cannot hold a ${typeof value}.`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 (hex) of the canonical form of `manifest` without its self-hash field. */
export function manifestDigest(manifest: Record<string, unknown>): string {
  const { [SELF_HASH_FIELD]: _self, ...rest } = manifest;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

export function buildManifest(fields: Omit<ExportManifest, 'format' | 'version' | 'manifestSha256'>): ExportManifest {
  const body = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, ...fields } as const;
  return { ...body, manifestSha256: manifestDigest(body) };
}

/** The manifest's file name beside an export: `<file>.manifest.json`. */
export function manifestPathFor(exportPath: string): string {
  return `${exportPath}.manifest.json`;
}
