/**
 * The desktop app's key store: Electron `safeStorage` (Keychain on macOS, DPAPI on Windows,
 * libsecret/kwallet on Linux) seals each secret; the sealed bytes sit in one JSON file in the
 * user-data folder. Where the OS offers no real key store (Linux `basic_text`, a hard-coded key),
 * this refuses rather than pretend. `safeStorage` is passed in by main/electron/index.ts, so this
 * module type-checks and tests without an Electron binary.
 */
import type { SafeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SecretStoreError, type SecretStore, type SecretStoreState } from './secret-store.ts';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export class SafeStorageStore implements SecretStore {
  private readonly safe: SafeStorageLike;
  private readonly path: string;

  constructor(safe: SafeStorageLike, path: string) {
    this.safe = safe;
    this.path = path;
  }

  private problem(): string | null {
    if (!this.safe.isEncryptionAvailable()) {
      return 'The operating system key store is not available, so Trailkeeper cannot keep connection secrets safely.';
    }
    if (this.safe.getSelectedStorageBackend?.() === 'basic_text') {
      return 'No key store (GNOME Keyring or KWallet) is running, so Trailkeeper cannot keep connection secrets safely; start one and restart Trailkeeper.';
    }
    return null;
  }

  state(): SecretStoreState {
    const problem = this.problem();
    return { kind: 'os-key-store', ready: problem === null, needsPassphrase: false, initialised: true, problem };
  }

  async unlock(): Promise<void> {
    // The OS unlocks its key store with the user's login; nothing to do here.
  }

  async set(name: string, secret: string): Promise<void> {
    const entries = this.entries();
    entries[name] = this.safe.encryptString(secret).toString('base64');
    this.save(entries);
  }

  async get(name: string): Promise<string | null> {
    const sealed = this.entries()[name];
    if (sealed === undefined) return null;
    try {
      return this.safe.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      throw new SecretStoreError(`The OS key store could not open the secret for ${name}; enter it again in Connections.`);
    }
  }

  async has(name: string): Promise<boolean> {
    return Object.hasOwn(this.entries(), name);
  }

  async delete(name: string): Promise<void> {
    const entries = this.entries();
    delete entries[name];
    this.save(entries);
  }

  private entries(): Record<string, string> {
    const problem = this.problem();
    if (problem) throw new SecretStoreError(problem);
    if (!existsSync(this.path)) return {};
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, string>;
    } catch (error) {
      throw new SecretStoreError(`The sealed secrets file ${this.path} cannot be read (${(error as Error).message.split('\n')[0]}).`);
    }
  }

  private save(entries: Record<string, string>): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(entries, null, 2), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
