/** The Connections screen: the key store, adding a connection, and each connection with its tenants. */
import { useEffect, useState } from 'react';
import { useSyncStore } from '../../state/syncSlice.ts';
import { AddConnectionForm } from './AddConnectionForm.tsx';
import { ConnectionCard } from './ConnectionCard.tsx';
import { KeyStorePanel } from './KeyStorePanel.tsx';
import './connections.css';

export function ConnectionsScreen() {
  const connections = useSyncStore((s) => s.connections);
  const keyStore = useSyncStore((s) => s.keyStore);
  const error = useSyncStore((s) => s.error);
  const notice = useSyncStore((s) => s.notice);
  const openScreen = useSyncStore((s) => s.openScreen);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    void useSyncStore.getState().load();
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <main className="connections-screen" data-testid="connections-screen">
      <div className="connections-head">
        <h2>Connections</h2>
        <button className="link-button" type="button" onClick={() => openScreen('events')}>
          Back to the events
        </button>
        <button className="link-button" type="button" data-testid="connections-to-tenants" onClick={() => openScreen('tenants')}>
          Retention, legal hold and integrity of each tenant
        </button>
      </div>
      <KeyStorePanel />
      {error && (
        <p className="connections-error" role="alert" data-testid="connections-error">
          {error}
        </p>
      )}
      {notice && !error && (
        <p className="muted" data-testid="connections-notice">
          {notice}
        </p>
      )}
      {keyStore?.ready && <AddConnectionForm />}
      {connections.map((c) => (
        <ConnectionCard key={c.id} connection={c} now={now} />
      ))}
    </main>
  );
}
