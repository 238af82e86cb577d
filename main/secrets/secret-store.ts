/**
 * Where connection secrets live (docs/design.md §3): the OS key store in the desktop app, a passphrase-
 * encrypted file in browser mode. Never SQLite, never the renderer, never a log line: callers
 * get a secret only to hand it to a connector, and can ask whether one is set, never read it back.
 */

/** What the UI may know about the key store: never a secret. */
export interface SecretStoreState {
  kind: 'os-key-store' | 'passphrase-file';
  /** Secrets can be read and written now. */
  ready: boolean;
  /** Browser mode before the session's unlock: a passphrase is needed (first use creates the file). */
  needsPassphrase: boolean;
  /** Whether the passphrase file exists yet (first unlock sets the passphrase). */
  initialised: boolean;
  /** Why the store cannot be used, as a sentence; null when it can. */
  problem: string | null;
}

export interface SecretStore {
  state(): SecretStoreState;
  /** Browser mode: opens (or, the first time, creates) the secrets file for this session. */
  unlock(passphrase: string): Promise<void>;
  set(key: string, secret: string): Promise<void>;
  /** The secret, or null when none is stored under this key. Only the sync engine calls this. */
  get(key: string): Promise<string | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** A failure a user can act on; its message never contains a secret. */
export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
}

/** The key a connection's secret is stored under. */
export const connectionSecretKey = (connectionId: number) => `connection:${connectionId}`;

/** Replaces every occurrence of the given secrets in a text: the last guard before a log or a reply. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
