#!/usr/bin/env node
/**
 * `npm start`, after the build: runs the desktop app if the Electron binary is installed, and
 * otherwise says so in one sentence and exits 1.
 *
 * It never `require`s the electron package: when the binary is missing, that package's index.js
 * starts downloading it, which hangs or fails on machines without network access. Instead it
 * reads the same files index.js reads (path.txt and dist/), honouring ELECTRON_OVERRIDE_DIST_PATH
 * like index.js does. TRAILKEEPER_ELECTRON_DIR points it at another electron package folder
 * (tests use it to stand in an empty or fake one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const MISSING_ELECTRON =
  'Trailkeeper could not start the desktop app: the Electron binary is not installed and cannot be downloaded on this machine; run `npm run serve` to use Trailkeeper in your browser instead.';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = process.env.TRAILKEEPER_ELECTRON_DIR || join(repoRoot, 'node_modules', 'electron');

/** The Electron executable's path, or null when it is not on disk. */
function findElectronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executable || 'electron');
    return existsSync(binary) ? binary : null;
  }
  if (!executable) return null;
  const binary = join(electronDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}

/**
 * Electron 45 downloads its binary on first use. Try that once, quietly and bounded in time;
 * on a machine without network access it fails and we say so in one sentence.
 */
function tryDownloadElectron() {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer) || process.env.TRAILKEEPER_NO_ELECTRON_DOWNLOAD) return;
  process.stderr.write('Downloading the Electron binary (first start only)…\n');
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
}

let binary = findElectronBinary();
if (binary === null) {
  tryDownloadElectron();
  binary = findElectronBinary();
}
if (binary === null) {
  process.stderr.write(`${MISSING_ELECTRON}\n`);
  process.exit(1);
}

// An inherited ELECTRON_RUN_AS_NODE (set by some editors' terminals) would run plain Node instead.
// Two malloc arenas: the store's SQLite threads otherwise keep ~110 MiB more (node-small-arenas.mjs).
const env = { MALLOC_ARENA_MAX: '2', ...process.env };
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(binary, [repoRoot, ...process.argv.slice(2)], { stdio: 'inherit', env, windowsHide: false });
child.on('error', (error) => {
  // e.g. a binary for another platform, or one that is not executable
  process.stderr.write(
    `Trailkeeper could not start the desktop app: the Electron binary at ${binary} could not be run (${error.code ?? error.message}); run \`npm run serve\` to use Trailkeeper in your browser instead.\n`,
  );
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
