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
  const hasData = db.prepare('SELECT EXISTS (SELECT 1 FROM tenants) AS x').get() as { x: number };
  if (hasData.x) return { loaded: false, tenants: 0, inserted: 0 };
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
  return { loaded: true, tenants, inserted };
}
