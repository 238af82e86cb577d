/** Starts `out/main/serve.js` (the built browser-mode host) on a fresh workspace, as `npm run serve` does. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServedApp {
  url: string;
  origin: string;
  token: string;
  workspace: string;
  output: () => string;
  stop(): Promise<void>;
}

const repo = resolve(import.meta.dirname, '../..');

export async function serveApp(extraArgs: string[] = []): Promise<ServedApp> {
  const dir = mkdtempSync(join(tmpdir(), 'tk-e2e-'));
  const workspace = join(dir, 'workspace.trailkeeper');
  const child: ChildProcess = spawn(process.execPath, [join(repo, 'out/main/serve.js'), '--workspace', workspace, ...extraArgs], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print a URL in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    workspace,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls the API as the renderer does in browser mode. */
export async function callApi<T>(app: ServedApp, name: string, input: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-trailkeeper-token': app.token },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as T };
}
