/**
 * `npm run dev:serve`: browser mode for development. Builds, starts the loopback host, and on
 * every change under common/, main/, preload/ or renderer/ builds again and restarts the host on
 * the same port and workspace (reload the page after "restarted"). The desktop app's own dev mode
 * with hot reload is `npm run dev` (electron-vite dev), where Electron can run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

const repo = resolve(import.meta.dirname, '..');
const port = process.env.TRAILKEEPER_PORT ?? '5858';
const args = ['--port', port, ...process.argv.slice(2)];
let host = null;

function build() {
  const result = spawnSync(process.execPath, [join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: repo,
    stdio: 'inherit',
  });
  return result.status === 0;
}

async function restart() {
  if (host && host.exitCode === null) {
    const exited = new Promise((r) => host.once('exit', r));
    host.kill('SIGTERM');
    await exited;
  }
  if (!build()) return console.error('[dev] build failed; fix it and save again');
  host = spawn(process.execPath, [join(repo, 'out/main/serve.js'), ...args], { cwd: repo, stdio: 'inherit' });
  console.log('[dev] restarted');
}

let timer;
for (const dir of ['common', 'main', 'preload', 'renderer']) {
  watch(join(repo, dir), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void restart(), 300);
  });
}
process.on('SIGINT', () => {
  host?.kill('SIGTERM');
  process.exit(0);
});
void restart();
