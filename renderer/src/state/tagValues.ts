/**
 * Values for completing `tag:`: the tags on the events of the scope and range on screen, most used
 * first, from annotations.tags (tags are not an event column, so events.topValues cannot count them).
 */
import type { CallOptions, TrailkeeperApi } from '../../../common/contract.ts';
import type { View } from '../api/viewTypes.ts';

/** Stands where a facet would for `tag:` in the completion's lookups and cache. */
export const TAG_VALUES = 'tag' as const;

export async function tagValues(api: TrailkeeperApi, view: View, limit: number, options: CallOptions): Promise<{ values: { value: string; count: number }[] }> {
  const { tags } = await api['annotations.tags']({ view, limit }, options);
  return { values: tags.map((t) => ({ value: t.tag, count: t.count })) };
}
