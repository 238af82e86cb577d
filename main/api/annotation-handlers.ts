/** annotations.* over the store host: the investigator's star, tags and note, written by the writer worker. */
import { ANNOTATION_LIMITS } from '../../common/contract.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { toApiError } from './store-errors.ts';

export type AnnotationHandlers = Pick<Handlers, 'annotations.set' | 'annotations.bulkTag' | 'annotations.tags'>;

export function annotationHandlers(store: StoreHost): AnnotationHandlers {
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(toApiError(error)));
  return {
    'annotations.set': ({ eventId, starred, tags, note }) =>
      guard(async () => {
        const saved = await store.write('annotationSet', { eventId, starred, tags, note, now: Date.now() });
        if (!saved) throw new ApiError('not_found', `There is no event with id ${eventId}.`, { field: 'eventId' });
        return saved;
      }),
    'annotations.bulkTag': ({ tag, action, target }) =>
      guard(async () => {
        const out = await store.write('annotationBulkTag', { tag, action, target, now: Date.now(), limit: ANNOTATION_LIMITS.bulkEvents });
        if (!out.ok) throw new ApiError('invalid_input', out.error, { field: 'target' });
        return { matched: out.matched, changed: out.changed };
      }),
    'annotations.tags': ({ view, limit }, { signal }) => guard(async () => ({ tags: await store.read('annotationTags', { view, limit }, { signal }) })),
  };
}
