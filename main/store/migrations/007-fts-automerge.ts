/**
 * Full-text merge setting (issue 12): FTS5 merges its index segments as it goes; 'automerge' 16
 * (default 4) lets more segments of a level wait before merging. Measured on 100,000 simulated
 * events, default and 16 interleaved over six rounds on the same file: the catch-up indexer ran
 * 22–28 % faster every round, for 1 % more index on disk (352 vs 349 B/event), and word and count
 * queries took about as long. Stored in the index's own config table, so it lasts.
 */
import type { Migration } from './index.ts';

export const migration007: Migration = {
  version: 7,
  name: 'full-text automerge 16',
  up: `INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 16);`,
};
