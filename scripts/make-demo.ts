/**
 * Writes the demo data set to resources/demo: demo.json plus one gzipped NDJSON file per tenant.
 * Deterministic: run it again and the bytes are the same.
 *   node --experimental-strip-types scripts/make-demo.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemo } from './demo/build.ts';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, '..', 'resources', 'demo'));
const demo = buildDemo();
mkdirSync(outDir, { recursive: true });
for (const file of demo.files) writeFileSync(join(outDir, file.name), file.gz);
writeFileSync(join(outDir, 'demo.json'), `${JSON.stringify(demo.manifest, null, 2)}\n`);

let events = 0;
let bytes = 0;
for (const f of demo.files) {
  events += f.events;
  bytes += f.gz.length;
  console.log(`${f.name}: ${f.events} events, ${f.ndjsonBytes} bytes NDJSON, ${f.gz.length} bytes gzipped`);
}
console.log(`${events} events, ${bytes} bytes gzipped, anchor ${demo.manifest.anchor} → ${outDir}`);
