/**
 * How long integrity.verify takes on a realistic workspace (docs/design.md §7 keeps verify "reasonable"):
 * VERIFY_EVENTS Okta events (default 100,000, the demo's records with fresh ids) imported
 * through the production import op, then verified raw-only and with re-derivation.
 * Run: node test/main/store/verify-speed.bench.ts (prints figures; it is not a test).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import { rederive } from '../../../main/store-worker/normalizers.ts';
import { writeOps } from '../../../main/store-worker/write-ops.ts';

const TOTAL = Number(process.env.VERIFY_EVENTS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'trailkeeper-verify-bench-'));
try {
  const demo = join(import.meta.dirname, '../../../resources/demo');
  const records = ['okta-contoso', 'okta-fabrikam', 'okta-tailspin'].flatMap((name) =>
    gunzipSync(readFileSync(join(demo, `${name}.ndjson.gz`))).toString('utf8').split('\n').filter((l) => l.trim()));
  const lines: string[] = [];
  for (let i = 0; lines.length < TOTAL; i++) {
    const obj = JSON.parse(records[i % records.length]!) as { uuid: string };
    obj.uuid = `${obj.uuid}-${i}`;
    lines.push(JSON.stringify(obj));
  }
  const file = join(dir, 'okta.ndjson');
  writeFileSync(file, lines.join('\n'));
  const path = join(dir, 'bench.trailkeeper');
  const db = openWorkspaceForWrite(path);
  const tenantId = ensureTenant(db, ensureConnection(db, { kind: 'okta', label: 'Bench', baseUrl: null }), { externalId: 'b', name: 'B', groups: [] });
  let t = performance.now();
  const imported = await writeOps(db).importFile({ path: file, tenantId }, { signal: new AbortController().signal, report: () => {} });
  console.log(`imported ${imported.inserted} events in ${Math.round(performance.now() - t)} ms`, imported.problems, imported.problemSamples.slice(0, 2));
  closeWorkspace(db);

  const reader = openWorkspaceForRead(path);
  for (const [label, run] of [
    ['raw only (no normaliser given)', () => verifyWorkspace(reader)],
    ['raw and re-derived columns', () => verifyWorkspace(reader, undefined, rederive)],
  ] as const) {
    for (let round = 0; round < 2; round++) {
      t = performance.now();
      const result = run();
      const ms = performance.now() - t;
      console.log(`verify, ${label}: ${Math.round(ms)} ms (${Math.round(result.eventsChecked / (ms / 1000))} events/s), ${JSON.stringify(result)}`);
    }
  }
  reader.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
