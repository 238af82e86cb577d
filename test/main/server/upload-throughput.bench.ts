/**
 * Upload import throughput over loopback (issue 8): a ~50 MB CloudTrail NDJSON file, generated
 * from the fixture with unique event ids, sent to `POST /upload` of a real host and workspace.
 * Prints the receive rate (host with a no-op importer) and the end-to-end rate (receive + import).
 * Run: node --experimental-strip-types test/main/server/upload-throughput.bench.ts [MB]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBackend } from '../../../main/backend.ts';
import { startHttpHost, type HttpHost } from '../../../main/server/http-host.ts';

const repo = resolve(import.meta.dirname, '../../..');
const targetBytes = Number(process.argv[2] ?? 50) * 1024 * 1024;
const sample = readFileSync(join(repo, 'test/fixtures/samples/cloudtrail/otrf-ec2-proxy-s3-exfiltration.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);

const lines: string[] = [];
let size = 0;
for (let i = 0; size < targetBytes; i++) {
  const line = JSON.stringify({ ...sample[i % sample.length], eventID: `bench-${i}` });
  lines.push(line);
  size += line.length + 1;
}
const body = Buffer.from(lines.join('\n') + '\n');
const mb = body.length / (1024 * 1024);

function post(host: HttpHost, path: string): Promise<{ status: number; text: string; ms: number }> {
  const start = performance.now();
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { host: `127.0.0.1:${host.port}`, 'x-trailkeeper-token': host.token, 'content-length': String(body.length) } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, text, ms: performance.now() - start }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tk-upload-bench-'));
mkdirSync(join(dir, 'renderer'));
const backend = await startBackend({
  workspacePath: join(dir, 'w.trailkeeper'),
  resourcesDir: join(repo, 'resources'),
  transport: 'http',
  workerUrl: pathToFileURL(join(repo, 'main/store-worker/entry.ts')),
  demo: false,
});
try {
  const tenant = (await backend.handlers['tenants.create']({ name: 'Bench', groups: [] }, {})) as { id: number };
  const receiveOnly = await startHttpHost({
    handlers: backend.handlers,
    rendererDir: join(dir, 'renderer'),
    uploadTempRoot: dir,
    importFile: async () => ({ bytesRead: 0, totalBytes: 0, inserted: 0, duplicates: 0, problems: 0, problemSamples: [] }),
  });
  const received = await post(receiveOnly, `/upload?tenantId=${tenant.id}&name=bench.jsonl`);
  await receiveOnly.close();
  const host = await startHttpHost({
    handlers: backend.handlers,
    rendererDir: join(dir, 'renderer'),
    uploadTempRoot: dir,
    importFile: (args, opts) => backend.store.write('importFile', args, opts),
  });
  const full = await post(host, `/upload?tenantId=${tenant.id}&name=bench.jsonl`);
  await host.close();
  const done = JSON.parse(full.text.trim().split('\n').at(-1)!) as { summary: { added: number; tookMs: number } };
  console.log(`file: ${mb.toFixed(1)} MiB, ${lines.length} CloudTrail events`);
  console.log(`receive to temp file: ${received.ms.toFixed(0)} ms = ${(mb / (received.ms / 1000)).toFixed(0)} MiB/s (status ${received.status})`);
  console.log(`upload + import: ${full.ms.toFixed(0)} ms = ${(mb / (full.ms / 1000)).toFixed(1)} MiB/s, ${Math.round(done.summary.added / (full.ms / 1000))} events/s (import alone ${done.summary.tookMs} ms, ${done.summary.added} added)`);
} finally {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
}
