/**
 * Loads the built-in demo workspace on first start with an empty workspace, through the same
 * file-import path real audit files take. Timestamps move by whole days so the demo always
 * covers the last 180 days.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceKind } from '../ingest/sources/index.ts';
import { demoShiftMs, readDemoManifest, shiftedDemoFile, type DemoConnection, type DemoTenant } from './demo-set.ts';

export interface DemoLoadResult {
  loaded: boolean;
  tenants: number;
  inserted: number;
}

/** How far the demo load has come, for a progress line in the UI. */
export interface DemoProgress {
  tenantsDone: number;
  tenantsTotal: number;
  inserted: number;
}

/**
 * What loading the demo needs from a workspace. The writer passes its own functions in, so the
 * demo never imports the store (and the store never knows the demo exists).
 */
export interface DemoTarget {
  /** 'loading' or 'loaded' once a demo load has started, else null. */
  demoState(): string | null;
  setDemoState(state: 'loading' | 'loaded'): void;
  hasTenants(): boolean;
  ensureConnection(connection: Pick<DemoConnection, 'kind' | 'label' | 'baseUrl'>): number;
  ensureTenant(connectionId: number, tenant: DemoTenant): number;
  importFile(args: { path: string; tenantId: number; sourceKind: SourceKind }): Promise<{ inserted: number }>;
}

export async function loadDemo(
  target: DemoTarget,
  resourcesDir: string,
  now: number,
  onProgress: (progress: DemoProgress) => void = () => {},
): Promise<DemoLoadResult> {
  // Only a workspace that never had tenants gets the demo. A start killed mid-load finishes it on
  // the next start (imports are idempotent); the marker is written after the last file.
  const demoStarted = target.demoState();
  if (demoStarted === 'loaded' || (target.hasTenants() && !demoStarted)) return { loaded: false, tenants: 0, inserted: 0 };
  target.setDemoState('loading');
  const manifest = readDemoManifest(resourcesDir);
  const shift = demoShiftMs(manifest.anchor, now);
  const tenantsTotal = manifest.connections.reduce((n, c) => n + c.tenants.length, 0);
  let tenants = 0;
  let inserted = 0;
  onProgress({ tenantsDone: 0, tenantsTotal, inserted });
  for (const connection of manifest.connections) {
    const connectionId = target.ensureConnection(connection);
    for (const tenant of connection.tenants) {
      const tenantId = target.ensureTenant(connectionId, tenant);
      const shifted = await shiftedDemoFile(join(resourcesDir, 'demo', tenant.file), shift);
      try {
        inserted += (await target.importFile({ path: shifted, tenantId, sourceKind: tenant.kind })).inserted;
      } finally {
        await rm(shifted, { force: true });
      }
      tenants++;
      onProgress({ tenantsDone: tenants, tenantsTotal, inserted });
    }
  }
  target.setDemoState('loaded');
  return { loaded: true, tenants, inserted };
}
