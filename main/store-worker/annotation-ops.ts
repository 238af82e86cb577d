/** Annotations (main/store/annotations.ts) for the writer worker: every change is a write. */
import { bulkTag, setAnnotation, type AnnotationChange, type BulkTarget } from '../store/annotations.ts';
import type { WriteDb } from '../store/open.ts';

export function annotationWriteOps(db: WriteDb) {
  return {
    annotationSet: (a: AnnotationChange) => setAnnotation(db, a),
    annotationBulkTag: (a: { tag: string; action: 'add' | 'remove'; target: BulkTarget; now: number; limit: number }) => bulkTag(db, a),
  };
}
