/** The normalised event as JSON (every field but the raw text and its hash), for the inspector's tab and Copy normalised. */
import type { EventDetail } from '../../../common/contract.ts';

export function normalisedJson(detail: EventDetail): string {
  const { raw: _raw, rawSha256: _hash, ...fields } = detail;
  return JSON.stringify(fields, null, 2);
}
