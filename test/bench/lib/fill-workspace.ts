/**
 * Fills a workspace with simulated Okta events through the real store (StoreHost → writer
 * worker), as an initial sync of 50 tenants would: tenant by tenant, oldest first, ~600-byte raw
 * records normalised by the app's own normaliser (test/sim/generate-events.ts). For benches that
 * need a large workspace but do not time the ingest itself.
 */
import { pathToFileURL } from 'node:url';
import { StoreHost } from '../../../main/store-host/store-host.ts';
import { buildWorld, generateEvents } from '../../sim/generate-events.ts';

const DAY = 86_400_000;

export async function fillWorkspace(workspacePath: string, events: number, log: (line: string) => void = () => {}): Promise<number> {
  const end = Math.floor(Date.now() / DAY) * DAY;
  const opts = { total: events, seed: 1, end };
  const world = buildWorld(opts);
  const workerUrl = pathToFileURL(new URL('../../../main/store-worker/entry.ts', import.meta.url).pathname);
  const host = await StoreHost.open({ workspacePath, workerUrl });
  try {
    const connectionId = await host.write('ensureConnection', { kind: 'okta', label: 'bench', baseUrl: null });
    const tenantIds: number[] = [];
    for (const t of world.tenants) {
      tenantIds.push(await host.write('ensureTenant', { connectionId, tenant: { externalId: t.externalId, name: t.name, groups: t.groups } }));
    }
    let done = 0;
    let nextLog = 100_000;
    for (const batch of generateEvents(opts, world)) {
      await host.write('ingestBatch', { tenantId: tenantIds[batch.tenant.index] ?? 0, events: batch.events });
      done += batch.events.length;
      if (done >= nextLog) {
        log(`  filled ${done.toLocaleString('en-US')} / ${events.toLocaleString('en-US')}`);
        nextLog += 100_000;
      }
    }
    // Left at rest, full text caught up, as an app idle after a sync leaves it: otherwise the next
    // process to open it indexes every event beside what it measures (an export's peak RSS 404 MiB, not 280).
    await host.write('indexFullText', {});
    return done;
  } finally {
    await host.close();
  }
}

/** `node --experimental-strip-types test/bench/lib/fill-workspace.ts PATH EVENTS`: fill one from the shell. */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [path, n] = process.argv.slice(2);
  if (!path) throw new Error('usage: fill-workspace.ts PATH [EVENTS]');
  const filled = await fillWorkspace(path, Number(n ?? 1_000_000), console.log);
  console.log(`filled ${filled.toLocaleString('en-US')} events into ${path}`);
}
