/**
 * Where secrets live, and (browser mode) the session's unlock: the passphrase opens the secrets
 * file for this session, or creates it the first time. Nothing here ever shows a secret.
 */
import { useState, type FormEvent } from 'react';
import { useSyncStore } from '../../state/syncSlice.ts';

export function KeyStorePanel() {
  const keyStore = useSyncStore((s) => s.keyStore);
  const unlock = useSyncStore((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  if (!keyStore) return null;
  if (keyStore.problem) return <p className="keystore problem" role="alert">{keyStore.problem}</p>;
  if (keyStore.ready) {
    return (
      <p className="keystore muted" data-testid="keystore-ready">
        {keyStore.kind === 'os-key-store' ? 'Secrets are kept in the operating system key store.' : 'The secrets file is unlocked for this session.'}
      </p>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    if (await unlock(passphrase)) setPassphrase('');
    setBusy(false);
  };
  return (
    <form className="keystore" onSubmit={(e) => void submit(e)}>
      <label>
        {keyStore.initialised ? 'Passphrase of the secrets file' : 'Choose a passphrase for the secrets file (8 characters or more)'}
        <input
          className="control"
          type="password"
          autoComplete={keyStore.initialised ? 'current-password' : 'new-password'}
          data-testid="passphrase-input"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      <button className="control" type="submit" data-testid="unlock-button" disabled={busy || passphrase === ''}>
        {keyStore.initialised ? 'Unlock' : 'Create'}
      </button>
    </form>
  );
}
