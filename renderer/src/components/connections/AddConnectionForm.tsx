/**
 * Adding a connection: kind, name, base URL, the kind's own fields, and the secret. "Test" asks
 * the remote with what is typed and shows the verdict in a sentence; "Save" stores the secret in
 * the key store and lists the connection's tenants. The secret field is cleared once saved.
 */
import { useState, type FormEvent } from 'react';
import { CONNECTOR_KINDS, type ConnectorKindName } from '../../../../common/contract.ts';
import { useSyncStore } from '../../state/syncSlice.ts';

interface KindForm {
  label: string;
  baseUrl: string;
  secretLabel: string;
  fields: { key: string; label: string; placeholder?: string }[];
  schemes?: { value: 'ssws' | 'bearer'; label: string }[];
}

const KINDS: Record<ConnectorKindName, KindForm> = {
  okta: {
    label: 'Okta System Log',
    baseUrl: 'https://your-org.okta.com',
    secretLabel: 'API token',
    fields: [],
    schemes: [
      { value: 'ssws', label: 'API token (SSWS)' },
      { value: 'bearer', label: 'OAuth access token' },
    ],
  },
  github: {
    label: 'GitHub audit log',
    baseUrl: 'https://api.github.com',
    secretLabel: 'Token (read:audit_log)',
    fields: [
      { key: 'org', label: 'Organisation' },
      { key: 'enterprise', label: 'or enterprise' },
    ],
  },
  entra: {
    label: 'Microsoft Entra (Graph)',
    baseUrl: 'https://graph.microsoft.com',
    secretLabel: 'Client secret',
    fields: [
      { key: 'tenantId', label: 'Directory (tenant) id' },
      { key: 'clientId', label: 'Application (client) id' },
      { key: 'authority', label: 'Token endpoint base', placeholder: 'https://login.microsoftonline.com' },
    ],
  },
  portal: {
    label: 'Portal REST',
    baseUrl: 'https://portal.example.com',
    secretLabel: 'Admin token',
    fields: [{ key: 'tenantSlug', label: 'Tenant slug' }],
  },
  msp: { label: 'MSP account', baseUrl: 'https://msp.example.com', secretLabel: 'API token', fields: [] },
};

export function AddConnectionForm() {
  const [kind, setKind] = useState<ConnectorKindName>('okta');
  const [label, setLabel] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [options, setOptions] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState('');
  const [scheme, setScheme] = useState<'ssws' | 'bearer'>('ssws');
  const [verdict, setVerdict] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const testConnection = useSyncStore((s) => s.testConnection);
  const addConnection = useSyncStore((s) => s.addConnection);
  const form = KINDS[kind];

  const filled = Object.fromEntries(Object.entries(options).filter(([k, v]) => v.trim() !== '' && form.fields.some((f) => f.key === k)));
  const draft = { kind, baseUrl: baseUrl.trim(), options: filled, secret, ...(form.schemes ? { scheme } : {}) };

  const test = async () => {
    setBusy(true);
    setVerdict(null);
    setVerdict(await testConnection({ draft }));
    setBusy(false);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    if (await addConnection({ ...draft, label: label.trim() || baseUrl.trim() })) {
      setSecret('');
      setVerdict(null);
    }
    setBusy(false);
  };

  return (
    <form className="add-connection" onSubmit={(e) => void save(e)} data-testid="add-connection">
      <h3>Add a connection</h3>
      <label>
        Kind
        <select className="control" data-testid="connection-kind" value={kind} onChange={(e) => setKind(e.target.value as ConnectorKindName)}>
          {CONNECTOR_KINDS.map((k) => (
            <option key={k} value={k}>
              {KINDS[k].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Name
        <input className="control" data-testid="connection-label" value={label} placeholder="e.g. Acme Okta" onChange={(e) => setLabel(e.target.value)} />
      </label>
      <label>
        Base URL
        <input className="control" data-testid="connection-url" value={baseUrl} placeholder={form.baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
      </label>
      {form.fields.map((f) => (
        <label key={f.key}>
          {f.label}
          <input
            className="control"
            data-testid={`connection-option-${f.key}`}
            value={options[f.key] ?? ''}
            placeholder={f.placeholder}
            onChange={(e) => setOptions({ ...options, [f.key]: e.target.value })}
          />
        </label>
      ))}
      {form.schemes && (
        <label>
          Credential
          <select className="control" value={scheme} onChange={(e) => setScheme(e.target.value as 'ssws' | 'bearer')}>
            {form.schemes.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {form.secretLabel}
        <input
          className="control"
          type="password"
          autoComplete="off"
          data-testid="connection-secret"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      </label>
      <div className="actions">
        <button className="control" type="button" data-testid="test-connection" disabled={busy || !baseUrl || !secret} onClick={() => void test()}>
          Test
        </button>
        <button className="control primary" type="submit" data-testid="save-connection" disabled={busy || !baseUrl || !secret}>
          Save
        </button>
      </div>
      {verdict && (
        <p className={verdict.ok ? 'verdict ok' : 'verdict fail'} data-testid="test-verdict" role="status">
          {verdict.ok ? 'Works: ' : 'Does not work: '}
          {verdict.message}
        </p>
      )}
    </form>
  );
}
