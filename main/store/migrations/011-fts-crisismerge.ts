/**
 * Full-text crisis merges later (issue 12). With 'automerge' 16 (migration 7) a level of the
 * index can reach FTS5's default 'crisismerge' of 16 segments, and FTS5 then merges the whole
 * level in one go. At ten million events that one merge took the process from ~560 MiB to 2 GiB
 * for about twenty seconds (traced step by step: at 5.85M events indexed, in a process doing
 * nothing else, peak 1,996 MiB). With 'crisismerge' 64 the same catch-up peaks at 315 MiB and
 * ends sooner (204 s vs 217 s), the incremental merges keeping levels small on their own.
 * Stored in the index's own config table, so it lasts; no row is touched.
 */
import type { Migration } from './index.ts';

export const migration011: Migration = {
  version: 11,
  name: 'full-text crisismerge 64',
  up: `INSERT INTO events_fts (events_fts, rank) VALUES ('crisismerge', 64);`,
};
