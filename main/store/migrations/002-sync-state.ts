/**
 * What the sync engine needs beside migration 1 (docs/design.md §3, §5): each synced tenant's normaliser
 * and non-secret remote options, its interval, whether the remote still lists it, how many of its
 * ids were derived from the raw bytes; and an index to find a tenant's latest runs.
 */
import type { Migration } from './index.ts';

export const migration002: Migration = {
  version: 2,
  name: 'sync state',
  up: `
    ALTER TABLE tenants ADD COLUMN source_kind TEXT;
    ALTER TABLE tenants ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
    -- Minutes between automatic syncs; NULL: only "Sync now".
    ALTER TABLE tenants ADD COLUMN sync_interval_min INTEGER;
    -- 0 when the remote no longer lists the tenant (its local events are kept).
    ALTER TABLE tenants ADD COLUMN remote_listed INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE tenants ADD COLUMN derived_ids INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX sync_runs_tenant ON sync_runs (tenant_id, id);
  `,
};
