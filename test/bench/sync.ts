/**
 * The sync figure: Okta events pulled from the tenant simulator over loopback HTTP (undici), parsed
 * and normalised by the real connector, committed by the writer worker with their checkpoints,
 * then the full-text index caught up. Two ways, each on a fresh workspace: the connectors on the
 * main thread ("main", as before the sync worker) and in the sync worker thread ("worker", the
 * app), with the main thread's own CPU per event (process.threadCpuUsage), the sync worker's, and
 * the whole process's. Beside them, a bare insert of the same normalised rows (writer only).
 * Usage: node --experimental-strip-types test/bench/sync.ts
 *   (SYNC_EVENTS=200000 by default; SYNC_MODES=main,worker by default)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizerFor } from '../../main/ingest/sources/index.ts';
import { StoreHost } from '../../main/store-host/store-host.ts';
import { SIM } from '../sim/tenants/credentials.ts';
import { startTenantSim } from '../sim/tenants/server.ts';
import { openSimSync } from '../main/sync/sim-harness.ts';

const N = Number(process.env.SYNC_EVENTS ?? 200_000);
const workerUrl = new URL('../../main/store-worker/entry.ts', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'trailkeeper-sync-bench-'));
const never = new AbortController().signal;
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));

console.log(`sync bench: ${N.toLocaleString('en-US')} Okta events, node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`);
const END = Date.now() - 3_600_000;
const simOptions = { end: END, events: 10, sizes: { 'okta:acme': N } };
// The simulator runs in its own process, so serving pages does not compete with the engine's loop.
const simUrl = new URL('../sim/tenants/server.ts', import.meta.url).href;
const simChild = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e',
  `const { startTenantSim } = await import(${JSON.stringify(simUrl)}); const sim = await startTenantSim(${JSON.stringify(simOptions)}); console.log(sim.urls.okta);`], { stdio: ['ignore', 'pipe', 'inherit'] });
const oktaUrl = await new Promise<string>((resolve) => simChild.stdout.once('data', (b: Buffer) => resolve(b.toString().trim())));

// 1. Sync over loopback: HTTP, parse, normalise, commit (+ full text), each way in turn.
const cpuUs = (u: { user: number; system: number }) => u.user + u.system;
const modes = (process.env.SYNC_MODES ?? 'main,worker').split(',') as ('main' | 'worker')[];
const figures: string[] = [];
let syncMs = 0;
let syncFtsMs = 0;
for (const mode of modes) {
  const sync = await openSimSync(join(dir, `sync-${mode}.trailkeeper`), { engine: { historyMs: 60 * 86_400_000 }, inProcess: mode === 'main' });
  const added = await sync.service.add({ kind: 'okta', label: 'bench', baseUrl: oktaUrl, options: { pageSize: 1000 }, secret: SIM.okta.apiToken }, never);
  const elu0 = performance.eventLoopUtilization();
  const main0 = process.threadCpuUsage();
  const all0 = process.cpuUsage();
  const worker0 = await sync.workerCpu();
  const t0 = performance.now();
  await sync.service.syncNow({ connectionId: added.id }, never);
  await sync.service.engine.idle();
  syncMs = performance.now() - t0;
  const mainCpu = cpuUs(process.threadCpuUsage(main0));
  const allCpu = cpuUs(process.cpuUsage(all0));
  const workerCpu = cpuUs(await sync.workerCpu()) - cpuUs(worker0);
  const elu = performance.eventLoopUtilization(elu0);
  await sync.store.write('indexFullText', undefined);
  syncFtsMs = performance.now() - t0;
  const count = (await sync.service.list()).connections[0]!.tenants[0]!.eventCount;
  await sync.close();
  if (count !== N) throw new Error(`sync (${mode}) stored ${count} events, expected ${N}`);
  const perEvent = (us: number) => (us / N).toFixed(1);
  figures.push(
    `sync, connectors on the ${mode === 'main' ? 'main thread  ' : 'sync worker  '} ${rate(N, syncMs).toLocaleString('en-US')} events/s (${(syncMs / 1000).toFixed(1)} s); ` +
      `CPU µs/event: main thread ${perEvent(mainCpu)}, sync worker ${perEvent(workerCpu)}, whole process ${perEvent(allCpu)}; main-thread busy ${(elu.utilization * 100).toFixed(0)}%; load ${loadavg()[0]!.toFixed(2)}`,
  );
}
simChild.kill();

// 2. Bare insert of the same rows: normalised up front, then only the writer's work.
const normalize = normalizerFor('okta');
const sim = await startTenantSim(simOptions);
await sim.close();
const rows = sim.feed('okta:acme').records.filter((r) => !r.late).map((r) => normalize(r.json, JSON.parse(r.json)));
const store = await StoreHost.open({ workspacePath: join(dir, 'bare.trailkeeper'), workerUrl, readers: 1 });
const connectionId = await store.write('ensureConnection', { kind: 'okta', label: 'bare', baseUrl: null });
const tenantId = await store.write('ensureTenant', { connectionId, tenant: { externalId: 'bare', name: 'bare', groups: [] } });
const t1 = performance.now();
for (let i = 0; i < rows.length; i += 1000) await store.write('ingestBatch', { tenantId, events: rows.slice(i, i + 1000) });
const bareMs = performance.now() - t1;
await store.write('indexFullText', undefined);
const bareFtsMs = performance.now() - t1;
await store.close();
rmSync(dir, { recursive: true, force: true });

for (const line of figures) console.log(line);
console.log(`bare insert of the same rows              ${rate(N, bareMs).toLocaleString('en-US')} events/s  -> sync (${modes.at(-1)})/bare ratio ${(bareMs / syncMs).toFixed(2)}`);
console.log(`with full text caught up: sync ${rate(N, syncFtsMs).toLocaleString('en-US')} events/s, bare ${rate(N, bareFtsMs).toLocaleString('en-US')} events/s -> ratio ${(bareFtsMs / syncFtsMs).toFixed(2)}`);
