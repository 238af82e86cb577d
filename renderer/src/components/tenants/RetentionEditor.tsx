/**
 * A tenant's retention: days, or empty for "keep forever". Setting days first asks how many events
 * that removes now; the confirmation (RetentionConfirm) shows the count before anything is removed.
 */
import { useEffect, useState } from 'react';
import type { Tenant } from '../../../../common/contract.ts';
import { useTenantAdmin } from '../../state/tenantAdmin.ts';

const MAX_DAYS = 36_500;

export function RetentionEditor({ tenant }: { tenant: Tenant }) {
  const previewRetention = useTenantAdmin((s) => s.previewRetention);
  const keepForever = useTenantAdmin((s) => s.keepForever);
  const busy = useTenantAdmin((s) => s.busy);
  const [text, setText] = useState(tenant.retentionDays === null ? '' : String(tenant.retentionDays));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(tenant.retentionDays === null ? '' : String(tenant.retentionDays)), [tenant.retentionDays]);

  const apply = () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setProblem(null);
      if (tenant.retentionDays !== null) void keepForever(tenant.id);
      return;
    }
    const days = Number(trimmed);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
      setProblem(`Retention is a whole number of days from 1 to ${MAX_DAYS.toLocaleString('en-US')}, or empty to keep events forever.`);
      return;
    }
    setProblem(null);
    if (days !== tenant.retentionDays) void previewRetention(tenant.id, days);
  };
  return (
    <form
      className="retention-editor"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <input
        className="control"
        inputMode="numeric"
        aria-label={`Retention of ${tenant.name} in days (empty keeps events forever)`}
        data-testid="retention-days"
        placeholder="forever"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={problem !== null}
      />
      <span className="muted">days</span>
      <button type="submit" className="control" data-testid="retention-apply" disabled={busy}>
        Set
      </button>
      {problem && <span className="field-problem" role="alert">{problem}</span>}
    </form>
  );
}
