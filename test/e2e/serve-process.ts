/**
 * Starts `out/main/serve.js` (the built browser-mode host), as `npm run serve` does, on a fresh
 * workspace or on one a test prepared, and gives the test the API typed from the contract.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallInput, CallName, CallOutput, TrailkeeperApi } from '../../common/contract.ts';
import { createHttpApi } from '../../renderer/src/api/httpTransport.ts';

export interface ServedApp {
  url: string;
  origin: string;
  token: string;
  workspace: string;
  /** The API over HTTP with this app's token, typed from the contract (the renderer's own transport). */
  api: TrailkeeperApi;
  output: () => string;
  stop(): Promise<void>;
}

const repo = resolve(import.meta.dirname, '../..');

export interface ServeOptions {
  /** A workspace the test prepared (and removes); default: a new one in a temporary folder. */
  workspace?: string;
  args?: string[];
}

export async function serveApp(options: ServeOptions = {}): Promise<ServedApp> {
  const dir = options.workspace === undefined ? mkdtempSync(join(tmpdir(), 'tk-e2e-')) : null;
  const workspace = options.workspace ?? join(dir!, 'workspace.trailkeeper');
  const args = [join(repo, 'out/main/serve.js'), '--workspace', workspace, ...(options.args ?? [])];
  const child: ChildProcess = spawn(process.execPath, args, {
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
  const token = parsed.searchParams.get('token')!;
  return {
    url,
    origin: parsed.origin,
    token,
    workspace,
    api: typedApi(parsed.origin, token),
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A host on a fresh workspace with the demo loaded: it loads behind the first window
 * (first-start.test.ts covers that); most browser tests start from the loaded set.
 */
export async function serveDemo(timeoutMs = 60_000): Promise<ServedApp> {
  const app = await serveApp();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await app.api['app.info']({})).demoLoad?.state;
    if (state === 'done') return app;
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`the demo did not finish loading in ${timeoutMs} ms (state ${state ?? 'none'})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The renderer's HTTP transport, pointed at the host from Node: its `/api/<call>` paths are
 * resolved against the host's origin. A call or a field the contract does not have fails to
 * compile; a refused call rejects with the API's error (code, sentence, field).
 */
export function typedApi(origin: string, token: string): TrailkeeperApi {
  const fetchFromHost: typeof fetch = (input, init) => fetch(new URL(String(input), origin), init);
  return createHttpApi(token, fetchFromHost);
}

/** One call with its HTTP status, typed from the contract, for tests that look at the status. */
export async function callApi<K extends CallName>(app: ServedApp, name: K, input: CallInput<K>): Promise<{ status: number; body: CallOutput<K> }> {
  const res = await fetch(`${app.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-trailkeeper-token': app.token },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as CallOutput<K> };
}
