/**
 * The normalised fields a CSV export takes from the table's shown columns, in their order
 * (issue 10: "the chosen columns"). A field column is its own field; Time is `ts`; the combined
 * Actor and Target columns give every field their cell is made of; Tenant is in every CSV
 * already (`tenant_id`, `tenant`). Never empty: an empty list would mean "every field".
 */
import { EVENT_FIELD_KEYS, type EventFieldKey } from '../../../../common/event-fields.ts';

const COMBINED: Record<string, readonly EventFieldKey[]> = {
  time: ['ts'],
  tenant: [],
  actor: ['actorName', 'actorEmail', 'actorId'],
  target: ['targetType', 'targetName', 'targetId'],
};

const isField = (id: string): id is EventFieldKey => (EVENT_FIELD_KEYS as readonly string[]).includes(id);

export function fieldsForColumns(visible: readonly string[]): EventFieldKey[] {
  const out = new Set<EventFieldKey>();
  for (const id of visible) {
    for (const key of COMBINED[id] ?? (isField(id) ? [id] : [])) out.add(key);
  }
  return out.size > 0 ? [...out] : ['ts'];
}
