/**
 * Which normaliser wrote each batch ('okta@1', 'okta+csv@1'), so verify can re-derive the
 * normalised columns from raw with that same code (docs/design.md §8, evidence). Batches written before
 * this migration keep NULL: verify checks their raw text and hashes only, and says how many.
 */
import type { Migration } from './index.ts';

export const migration003: Migration = {
  version: 3,
  name: 'normaliser per batch',
  up: `ALTER TABLE batches ADD COLUMN normalizer TEXT;`,
};
