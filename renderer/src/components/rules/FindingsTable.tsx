/** Findings: time, level, rule (with its author, as the rule licence asks), tenant, events. */
import type { Finding } from '../../../../common/contract.ts';
import { useAppStore } from '../../state/store.ts';

const MAX_IDS = 5;

export function FindingsTable({ findings, onOpen }: { findings: Finding[]; onOpen: () => void }) {
  const tenants = useAppStore((s) => s.tenants);
  const nameOf = (id: number) => tenants.find((t) => t.id === id)?.name ?? `tenant ${id}`;
  const open = (id: number) => {
    void useAppStore.getState().openDetail(id);
    onOpen();
  };
  if (findings.length === 0) return <p className="muted">No rule matched.</p>;
  return (
    <div className="findings-list">
      <table className="grid" data-testid="findings-table">
        <thead>
          <tr><th>Time (UTC)</th><th>Level</th><th>Rule</th><th>Author</th><th>Tenant</th><th>Events</th></tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={i} data-testid="finding-row">
              <td>{new Date(f.ts).toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td className={`level level-${f.level}`}>{f.level}</td>
              <td title={`Rule ${f.ruleId}${f.ruleVersion ? `, version ${f.ruleVersion}` : ''}`}>
                {f.title}
                {f.group && <div className="muted small">{Object.entries(f.group).map(([k, v]) => `${k}=${v}`).join(', ')}{f.measure !== null ? ` · ${f.measure}` : ''}</div>}
              </td>
              <td>{f.author}</td>
              <td>{nameOf(f.tenantId)}</td>
              <td>
                {f.eventIds.slice(0, MAX_IDS).map((id) => (
                  <button key={id} type="button" className="link" data-testid="finding-event" onClick={() => open(id)}>
                    #{id}
                  </button>
                ))}
                {f.eventIds.length > MAX_IDS && <span className="muted"> +{f.eventIds.length - MAX_IDS}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
