/** Browser mode's key store: sealed at rest, one passphrase per session, wrong input refused with a sentence. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PassphraseFileStore } from '../../../main/secrets/passphrase-file.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';

// A cheap scrypt for tests; the app uses N = 2^15.
const KDF = { N: 1 << 10, r: 8, p: 1 };
const CANARY = 'canary-7f3a9c1e-secret-token-value';

afterEach(() => removeTempDirs());

describe('passphrase file key store', () => {
  it('keeps secrets sealed: the file holds neither the secret nor its base64, and a new session reads it back', async () => {
    const path = join(tempDir(), 'ws.trailkeeper.secrets');
    const store = new PassphraseFileStore(path, KDF);
    expect(store.state()).toMatchObject({ ready: false, needsPassphrase: true, initialised: false });
    await store.unlock('correct horse battery');
    await store.set('connection:1', CANARY);
    const bytes = readFileSync(path, 'utf8');
    expect(bytes).not.toContain(CANARY);
    expect(bytes).not.toContain(Buffer.from(CANARY).toString('base64'));
    expect(bytes).not.toContain(Buffer.from(CANARY).toString('hex'));

    const next = new PassphraseFileStore(path, KDF);
    expect(next.state()).toMatchObject({ ready: false, initialised: true });
    await expect(next.get('connection:1')).rejects.toThrow('The secrets file is locked: enter your passphrase in Connections to unlock it for this session.');
    await expect(next.unlock('wrong passphrase')).rejects.toThrow('That passphrase does not open the secrets file; try again.');
    await next.unlock('correct horse battery');
    expect(await next.get('connection:1')).toBe(CANARY);
    expect(await next.has('connection:2')).toBe(false);
    await next.delete('connection:1');
    expect(await next.get('connection:1')).toBeNull();
  });

  it('refuses a short passphrase for a new file, and a file that is not ours', async () => {
    const dir = tempDir();
    await expect(new PassphraseFileStore(join(dir, 'a.secrets'), KDF).unlock('short')).rejects.toThrow(
      'Choose a passphrase of at least 8 characters for the new secrets file.',
    );
    const foreign = join(dir, 'b.secrets');
    writeFileSync(foreign, '{"hello":1}');
    await expect(new PassphraseFileStore(foreign, KDF).unlock('long enough pass')).rejects.toThrow(/is not a Trailkeeper secrets file; it was left untouched/);
    expect(readFileSync(foreign, 'utf8')).toBe('{"hello":1}');
  });

  it('binds each entry to its name: an entry moved to another connection does not open', async () => {
    const path = join(tempDir(), 'c.secrets');
    const store = new PassphraseFileStore(path, KDF);
    await store.unlock('correct horse battery');
    await store.set('connection:1', CANARY);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, unknown> };
    file.entries['connection:2'] = file.entries['connection:1'];
    writeFileSync(path, JSON.stringify(file));
    const reopened = new PassphraseFileStore(path, KDF);
    await reopened.unlock('correct horse battery');
    await expect(reopened.get('connection:2')).rejects.toThrow('The stored secret for connection:2 is damaged; enter it again in Connections.');
  });
});
