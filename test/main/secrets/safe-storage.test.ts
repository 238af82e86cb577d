/** The desktop key store over Electron safeStorage (a stand-in here: Electron cannot run in tests). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeStorageStore, type SafeStorageLike } from '../../../main/secrets/safe-storage.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';

afterEach(() => removeTempDirs());

/** XOR with a key the test holds: enough to show the file never holds the clear text. */
function fakeSafeStorage(backend: 'gnome_libsecret' | 'basic_text' = 'gnome_libsecret', available = true): SafeStorageLike {
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) => mask(Buffer.from(text, 'utf8')),
    decryptString: (sealed: Buffer) => mask(sealed).toString('utf8'),
  };
}

describe('safeStorage key store', () => {
  it('stores only sealed bytes and reads them back', async () => {
    const path = join(tempDir(), 'ws.keys');
    const store = new SafeStorageStore(fakeSafeStorage(), path);
    expect(store.state()).toMatchObject({ kind: 'os-key-store', ready: true, problem: null });
    await store.set('connection:1', 'canary-token-value-123');
    expect(readFileSync(path, 'utf8')).not.toContain('canary-token-value-123');
    expect(await store.get('connection:1')).toBe('canary-token-value-123');
    expect(await store.has('connection:1')).toBe(true);
  });

  it('refuses to keep secrets when the OS has no real key store', async () => {
    const plain = new SafeStorageStore(fakeSafeStorage('basic_text'), join(tempDir(), 'a.keys'));
    expect(plain.state().ready).toBe(false);
    await expect(plain.set('connection:1', 'x')).rejects.toThrow(/No key store \(GNOME Keyring or KWallet\) is running/);
    const none = new SafeStorageStore(fakeSafeStorage('gnome_libsecret', false), join(tempDir(), 'b.keys'));
    expect(none.state().problem).toBe('The operating system key store is not available, so Trailkeeper cannot keep connection secrets safely.');
  });
});
