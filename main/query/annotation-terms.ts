/**
 * Query terms on the investigator's annotations (migration 8): `starred:true|false`, `tag:x`
 * (exact, case-insensitive, or with wildcards) and `note:word` (anywhere in the note; with
 * wildcards, the pattern over the whole note). Each is a subquery on the annotation tables
 * keyed by e.id. Written `e.id IN (…)` rather than EXISTS: the same rows, but SQLite can then
 * start from the few annotated events (a count of `starred:true` reads the starred ids, not every
 * event), and the `e.id` it names keeps the daily rollups from answering (main/store/rollups.ts).
 */
import { QuerySyntaxError } from './errors.ts';
import { hasWildcard, likePattern } from './like.ts';
import type { Value } from './parser.ts';

export interface AnnotationSql {
  sql: string;
  params: string[];
}

const STARRED = 'e.id IN (SELECT event_id FROM annotations WHERE starred = 1)';

export function starredTerm(v: Value): AnnotationSql {
  const text = v.text.toLowerCase();
  if (text === 'true') return { sql: STARRED, params: [] };
  if (text === 'false') return { sql: `${STARRED.replace(' IN ', ' NOT IN ')}`, params: [] };
  throw new QuerySyntaxError(`'${v.text}' is not true or false: use starred:true or starred:false.`, v.col);
}

export function tagTerm(v: Value): AnnotationSql {
  // The tag column is NOCASE, and LIKE ignores ASCII case: both match as the tags were typed or not.
  if (!v.quoted && hasWildcard(v.text)) {
    return { sql: `e.id IN (SELECT event_id FROM annotation_tags WHERE tag LIKE ? ESCAPE '\\')`, params: [likePattern(v.text)] };
  }
  return { sql: 'e.id IN (SELECT event_id FROM annotation_tags WHERE tag = ?)', params: [v.text] };
}

export function noteTerm(v: Value): AnnotationSql {
  // Quoted: every character literal, `*` and `?` included (LIKE's own `%` and `_` always are).
  const literal = v.text.replace(/[\\%_]/g, '\\$&');
  const pattern = v.quoted ? `%${literal}%` : hasWildcard(v.text) ? likePattern(v.text) : `%${literal}%`;
  return { sql: `e.id IN (SELECT event_id FROM annotations WHERE note LIKE ? ESCAPE '\\')`, params: [pattern] };
}

/** `_exists_:starred`, `_exists_:tag`, `_exists_:note`. */
export function annotationExists(kind: 'starred' | 'tag' | 'note'): string {
  switch (kind) {
    case 'starred':
      return STARRED;
    case 'tag':
      return 'e.id IN (SELECT event_id FROM annotation_tags)';
    case 'note':
      return "e.id IN (SELECT event_id FROM annotations WHERE note <> '')";
  }
}
