/** success / failure / unknown as a coloured badge. */
import type { EventRow } from '../../../common/contract.ts';

export function OutcomeBadge({ outcome }: { outcome: EventRow['outcome'] }) {
  return <span className={`badge badge-${outcome}`}>{outcome}</span>;
}
