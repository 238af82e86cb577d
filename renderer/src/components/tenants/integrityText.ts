/** The integrity check's progress and verdict as the sentences the Tenants screen shows. */
import type { IntegrityJob, Tenant } from '../../../../common/contract.ts';
import { formatCount } from '../../format/count.ts';

const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;

export function integrityProgressText(job: IntegrityJob): string {
  // Before the reader's first report the totals are not known yet.
  if (job.batchesTotal === 0 && job.eventsTotal === 0) return 'Starting the check…';
  return `Checked ${formatCount(job.batchesDone)} of ${formatCount(job.batchesTotal)} batches and ${formatCount(job.eventsDone)} of ${plural(job.eventsTotal, 'event')}…`;
}

/** The verdict line: every batch and event checked, or the first break named (tenant, batch, event); null while running. */
export function integrityResultText(job: IntegrityJob, tenants: readonly Pick<Tenant, 'id' | 'name'>[]): string | null {
  if (job.state === 'running') return null;
  if (job.state !== 'done' || !job.result) return job.error ?? 'The integrity check stopped without a verdict.';
  const r = job.result;
  if (r.ok) {
    const batches = r.batchesChecked === 1 ? '1 batch' : `${formatCount(r.batchesChecked)} batches`;
    const rawOnly = r.eventsNotRederived > 0 ? ` (${formatCount(r.eventsNotRederived)} of them by raw hash only: no normaliser to re-derive their columns)` : '';
    return `All ${batches} and ${plural(r.eventsChecked, 'event')} checked: no break found${rawOnly}.`;
  }
  const b = r.firstBreak!;
  const tenant = tenants.find((t) => t.id === b.tenantId)?.name ?? `tenant ${b.tenantId}`;
  const where = [`in ${tenant}`, b.batchId !== null ? `batch ${b.batchId}` : null, b.eventId !== null ? `event ${b.eventId}` : null].filter(Boolean).join(', ');
  // The store's sentence often starts by naming the event or batch again ("event 7: …"): say it once.
  const lead = [b.eventId !== null ? `event ${b.eventId}: ` : null, b.batchId !== null ? `batch ${b.batchId}: ` : null].find((l) => l !== null && b.detail.startsWith(l));
  return `First break ${where}: ${lead ? b.detail.slice(lead.length) : b.detail}.`;
}
