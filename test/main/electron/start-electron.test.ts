import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '../../..');
const script = join(repoRoot, 'scripts', 'start-electron.mjs');
const dir = mkdtempSync(join(tmpdir(), 'tk-start-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(electronDir: string, args: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRAILKEEPER_ELECTRON_DIR: electronDir };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  return spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8', timeout: 20_000 });
}

const MISSING =
  'Trailkeeper could not start the desktop app: the Electron binary is not installed and cannot be downloaded on this machine; run `npm run serve` to use Trailkeeper in your browser instead.\n';

describe('scripts/start-electron.mjs', () => {
  it('prints one sentence and exits 1 when the electron package has no binary', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const result = run(empty);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(MISSING);
  });

  it('does the same when path.txt names a binary that is not in dist/', () => {
    const noDist = join(dir, 'no-dist');
    mkdirSync(noDist);
    writeFileSync(join(noDist, 'path.txt'), 'electron');
    const result = run(noDist);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(MISSING);
  });

  it.skipIf(process.platform === 'win32')('runs the binary on the repo root, passing the arguments through', () => {
    const fake = join(dir, 'fake');
    mkdirSync(join(fake, 'dist'), { recursive: true });
    writeFileSync(join(fake, 'path.txt'), 'electron');
    const binary = join(fake, 'dist', 'electron');
    writeFileSync(binary, '#!/bin/sh\nprintf "%s|" "$@"\nprintf "RUN_AS_NODE=%s" "$ELECTRON_RUN_AS_NODE"\nexit 3\n');
    chmodSync(binary, 0o755);
    const result = spawnSync(process.execPath, [script, '--workspace', '/tmp/a b.trailkeeper'], {
      env: { ...process.env, TRAILKEEPER_ELECTRON_DIR: fake, ELECTRON_RUN_AS_NODE: '1' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stdout).toBe(`${repoRoot}|--workspace|/tmp/a b.trailkeeper|RUN_AS_NODE=`);
    expect(result.status).toBe(3);
  });

  it.skipIf(process.platform === 'win32')('downloads a missing binary first where it can, then runs it', () => {
    const lazy = join(dir, 'lazy');
    mkdirSync(lazy);
    // Stands in for electron's install.js: "downloads" by writing path.txt and the binary.
    writeFileSync(
      join(lazy, 'install.js'),
      `const fs = require('fs'), p = require('path');
       fs.mkdirSync(p.join(__dirname, 'dist'));
       fs.writeFileSync(p.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\nexit 4\\n', { mode: 0o755 });
       fs.writeFileSync(p.join(__dirname, 'path.txt'), 'electron');`,
    );
    writeFileSync(join(lazy, 'package.json'), '{"type":"commonjs"}');
    const result = run(lazy);
    expect(result.stderr).toContain('Downloading the Electron binary');
    expect(result.status).toBe(4);
  });
});
