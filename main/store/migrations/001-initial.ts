/**
 * The first schema (docs/design.md §3). Timestamps are UTC epoch milliseconds; the raw event is kept
 * byte-for-byte beside its sha256. `ip_bin` is the address as 16 bytes (IPv4 mapped into IPv6)
 * so that a CIDR filter is one BETWEEN on an index, for both families.
 */
import type { Migration } from './index.ts';

export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
    CREATE TABLE workspace_meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE connections (
      id         INTEGER PRIMARY KEY,
      kind       TEXT NOT NULL,
      label      TEXT NOT NULL,
      base_url   TEXT,
      options    TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE tenants (
      id             INTEGER PRIMARY KEY,
      connection_id  INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      external_id    TEXT NOT NULL,
      name           TEXT NOT NULL,
      groups         TEXT NOT NULL DEFAULT '[]',
      retention_days INTEGER,
      legal_hold     INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),
      chain_head     TEXT,
      event_count    INTEGER NOT NULL DEFAULT 0,
      newest_ts      INTEGER,
      last_success   INTEGER,
      last_error     TEXT,
      UNIQUE (connection_id, external_id)
    ) STRICT;

    CREATE TABLE sync_runs (
      id          INTEGER PRIMARY KEY,
      tenant_id   INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      kind        TEXT NOT NULL,
      started_at  INTEGER NOT NULL,
      finished_at INTEGER,
      status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'cancelled')),
      inserted    INTEGER NOT NULL DEFAULT 0,
      duplicates  INTEGER NOT NULL DEFAULT 0,
      error       TEXT
    ) STRICT;

    CREATE TABLE checkpoints (
      tenant_id  INTEGER PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
      cursor     TEXT,
      high_water INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- One row per ingested batch: the per-tenant hash chain (docs/design.md §3, integrity).
    CREATE TABLE batches (
      id           INTEGER PRIMARY KEY,
      tenant_id    INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      sync_run_id  INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
      created_at   INTEGER NOT NULL,
      event_count  INTEGER NOT NULL,
      first_event  INTEGER,
      last_event   INTEGER,
      batch_hash   TEXT NOT NULL,
      -- Events removed by the retention policy; verify checks what remains of such a batch.
      purged       INTEGER NOT NULL DEFAULT 0,
      prev_chain   TEXT,
      chain        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX batches_tenant ON batches (tenant_id, id);

    -- AUTOINCREMENT: an id is never reused after retention deletes the newest rows, so batch
    -- id ranges (verify) and the full-text watermark stay true.
    CREATE TABLE events (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      tenant_id   INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      source_id   TEXT NOT NULL,
      ts          INTEGER NOT NULL,
      ts_raw      TEXT NOT NULL,
      category    TEXT NOT NULL,
      action      TEXT NOT NULL,
      activity    TEXT NOT NULL,
      outcome     TEXT NOT NULL,
      severity    TEXT,
      actor_type  TEXT,
      actor_id    TEXT,
      actor_name  TEXT,
      actor_email TEXT,
      actor_role  TEXT,
      target_type TEXT,
      target_id   TEXT,
      target_name TEXT,
      ip          TEXT,
      ip_bin      BLOB,
      user_agent  TEXT,
      geo_country TEXT,
      geo_city    TEXT,
      message     TEXT,
      raw         TEXT NOT NULL,
      raw_sha256  TEXT NOT NULL,
      sync_run_id INTEGER,
      batch_id    INTEGER NOT NULL,
      UNIQUE (tenant_id, source_id)
    ) STRICT;
    -- Newest-first paging over all tenants and per tenant; the rest by measurement (see bench).
    -- No index on batch_id: a batch's events are its contiguous id range (verify.ts).
    CREATE INDEX events_ts ON events (ts, id);
    CREATE INDEX events_tenant_ts ON events (tenant_id, ts, id);
    -- Pivoting on a person is the most common investigation step (actor:email, query/compile.ts).
    CREATE INDEX events_actor_email ON events (actor_email COLLATE NOCASE, ts, id);

    -- Full text over the searchable columns and the raw JSON; contentless, since events holds the text.
    CREATE VIRTUAL TABLE events_fts USING fts5(
      doc,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TABLE presets (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      view       TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE queries (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      sql        TEXT NOT NULL,
      params     TEXT NOT NULL DEFAULT '[]',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE annotations (
      id         INTEGER PRIMARY KEY,
      event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      kind       TEXT NOT NULL CHECK (kind IN ('star', 'tag', 'note')),
      value      TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      UNIQUE (event_id, kind, value)
    ) STRICT;
    CREATE INDEX annotations_kind ON annotations (kind, value);

    CREATE TABLE exports (
      id          INTEGER PRIMARY KEY,
      format      TEXT NOT NULL,
      view        TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'cancelled')),
      row_count   INTEGER NOT NULL DEFAULT 0,
      sha256      TEXT,
      file_path   TEXT NOT NULL,
      started_at  INTEGER NOT NULL,
      finished_at INTEGER,
      error       TEXT
    ) STRICT;
  `,
};
