/**
 * Annotations (issue 9 item 7): the investigator's star, tags and note on an event, one row per
 * annotated event, with its tags in a table of their own so `tag:x` is an index lookup. They
 * are the investigator's work, not evidence: events, their hashes and the batch chain never see
 * them (docs/design.md §3). Deleting an event (retention, a tenant removed) deletes its
 * annotation and tags through the foreign keys, in the same transaction.
 *
 * Migration 1's `annotations` (one row per star, tag or note) was never written by any release;
 * any rows it holds are carried over before it is dropped.
 */
import type { Migration } from './index.ts';

export const migration008: Migration = {
  version: 8,
  name: 'annotations per event',
  up: `
    ALTER TABLE annotations RENAME TO annotations_v1;

    CREATE TABLE annotations (
      event_id   INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
      starred    INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
      note       TEXT NOT NULL DEFAULT '',
      updated_at INTEGER NOT NULL
    ) STRICT;
    -- starred:true reads the few starred events, not every annotation.
    CREATE INDEX annotations_starred ON annotations (event_id) WHERE starred = 1;

    -- NOCASE: 'Phishing' and 'phishing' are one tag, and tag:x is one index probe either way.
    CREATE TABLE annotation_tags (
      event_id INTEGER NOT NULL REFERENCES annotations(event_id) ON DELETE CASCADE,
      tag      TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (event_id, tag)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX annotation_tags_tag ON annotation_tags (tag, event_id);

    INSERT INTO annotations (event_id, starred, note, updated_at)
      SELECT event_id, max(kind = 'star'), coalesce(max(CASE WHEN kind = 'note' THEN value END), ''), max(created_at)
      FROM annotations_v1 GROUP BY event_id;
    INSERT OR IGNORE INTO annotation_tags (event_id, tag)
      SELECT event_id, value FROM annotations_v1 WHERE kind = 'tag' AND value <> '';
    DROP TABLE annotations_v1;
  `,
};
