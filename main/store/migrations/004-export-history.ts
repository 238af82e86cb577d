/**
 * Export history (issue 10): the bytes written and the manifest beside each export, so the
 * history can show size and verify an export months later. Older rows keep 0 and NULL.
 */
import type { Migration } from './index.ts';

export const migration004: Migration = {
  version: 4,
  name: 'export history: bytes and manifest',
  up: `
    ALTER TABLE exports ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE exports ADD COLUMN manifest_path TEXT;
  `,
};
