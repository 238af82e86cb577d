/** Annotations (main/store/annotations.ts): every change is a write (writer worker); the tag list is a read. */
import { bulkTag, setAnnotation, tagCounts, type AnnotationChange, type BulkTarget } from '../store/annotations.ts';
import type { ReadDb, WriteDb } from '../store/open.ts';
import type { View } from '../store/view-sql.ts';

export function annotationReadOps(db: ReadDb) {
  return { annotationTags: (a: { view: View; limit: number }) => tagCounts(db, a.view, a.limit) };
}

export function annotationWriteOps(db: WriteDb) {
  return {
    annotationSet: (a: AnnotationChange) => setAnnotation(db, a),
    annotationBulkTag: (a: { tag: string; action: 'add' | 'remove'; target: BulkTarget; now: number; limit: number }) => bulkTag(db, a),
  };
}
