/**
 * Browser mode's key store: one file of secrets, each sealed with AES-256-GCM under a key derived
 * from the user's passphrase by scrypt (node:crypto). The passphrase is asked once per session
 * (`secrets.unlock`); the derived key lives only in this process's memory. Each entry has its own
 * random IV and is bound to its key name (GCM additional data), so entries cannot be swapped.
 * Writes go to a temporary file and are renamed into place (mode 0600): a crash never leaves half.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SecretStoreError, type SecretStore, type SecretStoreState } from './secret-store.ts';

interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

interface SecretsFile {
  format: 'trailkeeper-secrets';
  version: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  /** A known text sealed with the key: tells a wrong passphrase from a damaged entry. */
  check: Sealed;
  entries: Record<string, Sealed>;
}

const CHECK_TEXT = 'trailkeeper-secrets-check';
const MIN_PASSPHRASE = 8;
/** scrypt cost: N = 2^15, r = 8 (~32 MiB, ~0.1 s), as OWASP suggests for interactive use. */
const DEFAULT_KDF = { N: 1 << 15, r: 8, p: 1 };

function scrypt(passphrase: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(passphrase, salt, 32, { ...opts, maxmem: 256 * opts.N! * opts.r! }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function seal(key: Buffer, name: string, text: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function open(key: Buffer, name: string, sealed: Sealed): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export class PassphraseFileStore implements SecretStore {
  private key: Buffer | null = null;
  private file: SecretsFile | null = null;
  private readonly path: string;
  private readonly kdf: { N: number; r: number; p: number };

  /** `kdf` is for tests only (a cheaper scrypt); the app uses the default cost. */
  constructor(path: string, kdf: { N: number; r: number; p: number } = DEFAULT_KDF) {
    this.path = path;
    this.kdf = kdf;
  }

  state(): SecretStoreState {
    const initialised = existsSync(this.path);
    return { kind: 'passphrase-file', ready: this.key !== null, needsPassphrase: this.key === null, initialised, problem: null };
  }

  async unlock(passphrase: string): Promise<void> {
    if (existsSync(this.path)) {
      const file = this.readFile();
      const key = await scrypt(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
      if (open(key, '#check', file.check) !== CHECK_TEXT) {
        throw new SecretStoreError('That passphrase does not open the secrets file; try again.');
      }
      this.key = key;
      this.file = file;
      return;
    }
    if (passphrase.length < MIN_PASSPHRASE) {
      throw new SecretStoreError(`Choose a passphrase of at least ${MIN_PASSPHRASE} characters for the new secrets file.`);
    }
    const salt = randomBytes(16);
    const key = await scrypt(passphrase, salt, this.kdf);
    this.key = key;
    this.file = {
      format: 'trailkeeper-secrets',
      version: 1,
      kdf: { name: 'scrypt', ...this.kdf, salt: salt.toString('base64') },
      check: seal(key, '#check', CHECK_TEXT),
      entries: {},
    };
    this.writeFile();
  }

  async set(name: string, secret: string): Promise<void> {
    const { key, file } = this.unlocked();
    file.entries[name] = seal(key, name, secret);
    this.writeFile();
  }

  async get(name: string): Promise<string | null> {
    const { key, file } = this.unlocked();
    const sealed = file.entries[name];
    if (!sealed) return null;
    const text = open(key, name, sealed);
    if (text === null) throw new SecretStoreError(`The stored secret for ${name} is damaged; enter it again in Connections.`);
    return text;
  }

  async has(name: string): Promise<boolean> {
    return Object.hasOwn(this.unlocked().file.entries, name);
  }

  async delete(name: string): Promise<void> {
    const { file } = this.unlocked();
    delete file.entries[name];
    this.writeFile();
  }

  private unlocked(): { key: Buffer; file: SecretsFile } {
    if (!this.key || !this.file) {
      throw new SecretStoreError('The secrets file is locked: enter your passphrase in Connections to unlock it for this session.');
    }
    return { key: this.key, file: this.file };
  }

  private readFile(): SecretsFile {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new SecretStoreError(`The secrets file ${this.path} cannot be read (${(error as Error).message.split('\n')[0]}).`);
    }
    const file = parsed as Partial<SecretsFile>;
    if (file.format !== 'trailkeeper-secrets' || file.version !== 1 || !file.kdf || !file.check || !file.entries) {
      throw new SecretStoreError(`${this.path} is not a Trailkeeper secrets file; it was left untouched.`);
    }
    return file as SecretsFile;
  }

  private writeFile(): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(this.file, null, 2), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
