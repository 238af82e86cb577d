import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../../..');
// electron-builder's own YAML parser and schema validator (no type declarations ship with them).
const require = createRequire(join(repoRoot, 'node_modules', 'app-builder-lib', 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateSchema } = require('./out/util/config/schemaValidator.js') as {
  validateSchema(schema: unknown, data: unknown, options?: { name?: string }): void;
};
const schema: unknown = JSON.parse(readFileSync(join(repoRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; category: string; maintainer: string };
  win: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean };
}

const config = yaml.load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder 26's own schema validation", () => {
    expect(() => validateSchema(schema, config, { name: 'electron-builder.yml' })).not.toThrow();
  });

  it('names the app', () => {
    expect(config.appId).toBe('dev.trailkeeper.app');
    expect(config.productName).toBe('Trailkeeper');
  });

  it('sets every security fuse (docs/design.md §8)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the build, unpacks the native SQLite module, ships resources beside the asar', () => {
    expect(config.files).toContain('out/**');
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'resources', to: 'resources' }));
  });

  it('builds AppImage and deb, NSIS, and a hardened-runtime dmg', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Utility' });
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
  });
});
