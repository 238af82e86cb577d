/**
 * The file-import figure (issue 8): an NDJSON file of Okta events imported through the store
 * writer's importFile (read, detect, parse, normalise, commit in batches with the hash chain),
 * then the full-text index caught up; beside it, in the same run, a bare insert of the same
 * normalised rows (writer only: ingestBatch of rows normalised up front, in the reader's batch
 * size) into a fresh workspace, and the ratio of the two, as test/bench/sync.ts prints for sync.
 * Never a timed test.
 *
 * Usage: node --experimental-strip-types test/bench/import.ts   (IMPORT_EVENTS=1000000 by default)
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NormalizedEvent } from '../../main/domain/event.ts';
import { DEFAULT_BATCH_BYTES } from '../../main/ingest/files/read-file.ts';
import { StoreHost } from '../../main/store-host/store-host.ts';
import { generateEvents, type SimOptions } from '../sim/generate-events.ts';

const N = Number(process.env.IMPORT_EVENTS ?? 1_000_000);
const workerUrl = new URL('../../main/store-worker/entry.ts', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'trailkeeper-import-bench-'));
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-US');
// One tenant, a fixed seed: the bare insert regenerates exactly the rows the file holds, in
// batches of the same raw size as the file reader's, so both commit the same transactions.
const simOptions: SimOptions = { total: N, tenants: 1, seed: 8, batchBytes: DEFAULT_BATCH_BYTES };

function* simEvents(): Generator<NormalizedEvent[]> {
  for (const batch of generateEvents(simOptions)) yield batch.events;
}

console.log(`import bench: ${fmt(N)} Okta events as NDJSON, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

try {
  // The file, written once (not timed).
  const file = join(dir, 'okta.ndjson');
  const out = createWriteStream(file);
  let written = 0;
  for (const events of simEvents()) {
    const chunk = events.map((e) => `${e.raw}\n`).join('');
    written += events.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const bytes = statSync(file).size;

  // 1. Import: read, detect, parse, normalise, commit (+ full text).
  const store = await StoreHost.open({ workspacePath: join(dir, 'import.trailkeeper'), workerUrl, readers: 1 });
  const connectionId = await store.write('ensureConnection', { kind: 'file', label: 'Imported files', baseUrl: null });
  const tenantId = await store.write('ensureTenant', { connectionId, tenant: { externalId: 'file:bench', name: 'bench', groups: [] } });
  const t0 = performance.now();
  const result = await store.write('importFile', { path: file, tenantId });
  const importMs = performance.now() - t0;
  await store.write('indexFullText', undefined);
  const importFtsMs = performance.now() - t0;
  await store.close();
  if (result.inserted !== written || result.problems !== 0) {
    throw new Error(`the import stored ${result.inserted} of ${written} events with ${result.problems} problems`);
  }

  // 2. Bare insert of the same rows: normalised up front (not timed), then only the writer's work.
  const bare = await StoreHost.open({ workspacePath: join(dir, 'bare.trailkeeper'), workerUrl, readers: 1 });
  const bareConnection = await bare.write('ensureConnection', { kind: 'okta', label: 'bare', baseUrl: null });
  const bareTenant = await bare.write('ensureTenant', { connectionId: bareConnection, tenant: { externalId: 'bare', name: 'bare', groups: [] } });
  let bareMs = 0;
  let bareCount = 0;
  for (const events of simEvents()) {
    const t = performance.now();
    await bare.write('ingestBatch', { tenantId: bareTenant, events });
    bareMs += performance.now() - t;
    bareCount += events.length;
  }
  const t1 = performance.now();
  await bare.write('indexFullText', undefined);
  const bareFtsMs = bareMs + (performance.now() - t1);
  await bare.close();

  console.log(`file ${fmt(bytes)} bytes (${(bytes / written).toFixed(0)} bytes/event)`);
  console.log(`import (read + parse + normalise + commit)  ${fmt(rate(written, importMs))} events/s  (${(importMs / 1000).toFixed(1)} s)`);
  console.log(`bare insert of the same rows               ${fmt(rate(bareCount, bareMs))} events/s  -> import/bare ratio ${(bareMs / importMs).toFixed(2)}`);
  console.log(`with full text caught up: import ${fmt(rate(written, importFtsMs))} events/s, bare ${fmt(rate(bareCount, bareFtsMs))} events/s -> ratio ${(bareFtsMs / importFtsMs).toFixed(2)}`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
