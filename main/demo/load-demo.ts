/**
 * Loads the built-in demo workspace on first start with an empty workspace, through the same
 * file-import path real audit files take. Timestamps move by whole days so the demo always
 * covers the last 180 days.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { WriteDb } from '../store/open.ts';
import { ensureConnection, ensureTenant } from '../store/tenants.ts';
import type { ImportFileArgs } from '../store/write-ops.ts';
import { demoShiftMs, readDemoManifest, shiftedDemoFile } from './demo-set.ts';

export interface DemoLoadResult {
  loaded: boolean;
  tenants: number;
  inserted: number;
}

export async function loadDemo(
  db: WriteDb,
  importFile: (args: ImportFileArgs) => Promise<{ inserted: number }>,
  resourcesDir: string,
  now: number,
): Promise<DemoLoadResult> {
  // Only a workspace that never had tenants gets the demo. A start killed mid-load finishes it on
  // the next start (imports are idempotent); the marker is written after the last file.
  const demoStarted = db.prepare(`SELECT value FROM workspace_meta WHERE key = 'demo'`).get() as { value: string } | undefined;
  const hasTenants = (db.prepare('SELECT EXISTS (SELECT 1 FROM tenants) AS x').get() as { x: number }).x === 1;
  if (demoStarted?.value === 'loaded' || (hasTenants && !demoStarted)) return { loaded: false, tenants: 0, inserted: 0 };
  const setDemo = db.prepare(`INSERT INTO workspace_meta (key, value) VALUES ('demo', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  setDemo.run('loading');
  const manifest = readDemoManifest(resourcesDir);
  const shift = demoShiftMs(manifest.anchor, now);
  let tenants = 0;
  let inserted = 0;
  for (const connection of manifest.connections) {
    const connectionId = ensureConnection(db, { kind: connection.kind, label: connection.label, baseUrl: connection.baseUrl });
    for (const tenant of connection.tenants) {
      const tenantId = ensureTenant(db, connectionId, tenant);
      const shifted = await shiftedDemoFile(join(resourcesDir, 'demo', tenant.file), shift);
      try {
        inserted += (await importFile({ path: shifted, tenantId, sourceKind: tenant.kind })).inserted;
      } finally {
        await rm(shifted, { force: true });
      }
      tenants++;
    }
  }
  setDemo.run('loaded');
  return { loaded: true, tenants, inserted };
}
