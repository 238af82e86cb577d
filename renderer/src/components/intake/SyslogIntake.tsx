/**
 * Syslog intake (issue 8): start the receiver on a loopback port into a chosen tenant, watch what
 * it has received, written, counted as garbage or dropped, and stop it. The figures are polled
 * once a second while it runs; the last reasons something was skipped are listed.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SyslogStatus } from '../../../../common/contract.ts';
import { api, ApiClientError } from '../../api/client.ts';
import { formatCount } from '../../format/count.ts';
import { useAppStore } from '../../state/store.ts';

export const SYSLOG_POLL_MS = 1000;
const DEFAULT_PORT = '5514';

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

export function SyslogIntake() {
  const tenants = useAppStore((s) => s.tenants);
  const [status, setStatus] = useState<SyslogStatus | null>(null);
  const [tenantChoice, setTenantChoice] = useState<string>('');
  const [portText, setPortText] = useState(DEFAULT_PORT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = status?.running ?? false;
  const tenantId = tenantChoice !== '' ? Number(tenantChoice) : (tenants[0]?.id ?? null);
  const port = parsePort(portText);

  const poll = useCallback(async () => {
    try {
      setStatus(await api['syslog.status']({}));
    } catch (e) {
      setError(ApiClientError.from(e).message);
    }
  }, []);

  useEffect(() => {
    void poll();
  }, [poll]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void poll(), SYSLOG_POLL_MS);
    return () => clearInterval(timer);
  }, [running, poll]);

  async function act(work: () => Promise<SyslogStatus>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setStatus(await work());
    } catch (e) {
      setError(ApiClientError.from(e).message);
    } finally {
      setBusy(false);
      // Events written meanwhile show in the tenant list and the table.
      const { loadTenants, refresh } = useAppStore.getState();
      void loadTenants().then(() => refresh());
    }
  }

  const receivingInto = tenants.find((t) => t.id === status?.tenantId);
  return (
    <section className="syslog-intake" data-testid="syslog-intake" aria-labelledby="syslog-title">
      <h2 id="syslog-title">Syslog intake</h2>
      <p className="muted">RFC 5424 over UDP and TCP (octet-counted or one message a line) on a loopback port.</p>
      <label className="field">
        <span>Tenant</span>
        <select className="control" data-testid="syslog-tenant" disabled={running || busy} value={tenantId === null ? '' : String(tenantId)} onChange={(e) => setTenantChoice(e.target.value)}>
          {tenants.length === 0 && <option value="">No tenants yet: import a file or add a connection first</option>}
          {tenants.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name} ({t.connectionLabel})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Port</span>
        <input className="control" data-testid="syslog-port" inputMode="numeric" disabled={running || busy} value={portText} onChange={(e) => setPortText(e.target.value)} />
      </label>
      {port === null && <p className="error-text" data-testid="syslog-port-problem">The port must be a whole number from 0 to 65535 (0 picks a free one).</p>}
      <div className="modal-actions">
        {running ? (
          <button type="button" className="control" data-testid="syslog-stop" disabled={busy} onClick={() => void act(() => api['syslog.stop']({}))}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="control primary"
            data-testid="syslog-start"
            disabled={busy || port === null || tenantId === null}
            onClick={() => void act(() => api['syslog.start']({ tenantId: tenantId!, port: port! }))}
          >
            Start
          </button>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="syslog-error">
          {error}
        </p>
      )}
      {status && (
        <div role="status" data-testid="syslog-status" data-running={String(status.running)}>
          <p data-testid="syslog-state">
            {status.running
              ? `Listening on ${status.host}:${status.port} into ${receivingInto?.name ?? `tenant ${status.tenantId}`}.`
              : 'Stopped.'}
          </p>
          <dl className="syslog-figures">
            <Figure label="received" value={status.received} />
            <Figure label="written" value={status.written} />
            <Figure label="garbage" value={status.garbage} />
            <Figure label="dropped" value={status.dropped} />
            <Figure label="TCP connections" value={status.connections} />
            <Figure label="idle closed" value={status.idleClosed} />
          </dl>
          {status.recentProblems.length > 0 && (
            <ul className="import-problems" data-testid="syslog-problems">
              {status.recentProblems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div data-testid={`syslog-${label.split(' ')[0]!.toLowerCase()}`}>
      <dt>{label}</dt>
      <dd>{formatCount(value)}</dd>
    </div>
  );
}
