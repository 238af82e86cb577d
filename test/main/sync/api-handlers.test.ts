/**
 * The sync calls through the contract (dispatch validates input and output): bad input and a
 * taken name are refused with a sentence and change nothing; groups and intervals are saved.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch.ts';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { SYNC_CALLS, syncHandlers } from '../../../main/sync/api-handlers.ts';
import type { SyncService } from '../../../main/sync/service.ts';
import { SIM } from '../../sim/tenants/credentials.ts';
import { startTenantSim, type TenantSim } from '../../sim/tenants/server.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const workerUrl = new URL('../../../main/store-worker/entry.ts', import.meta.url);
const resourcesDir = join(import.meta.dirname, '../../../resources');
let backend: Backend | null = null;
let sim: TenantSim | null = null;

afterEach(async () => {
  await backend?.close();
  await sim?.close();
  backend = null;
  sim = null;
  removeTempDirs();
});

describe('sync API calls', () => {
  it('name exactly the calls syncHandlers answers: the sync tenant settings, not the store\'s tenant or syslog calls', () => {
    // SYNC_CALLS is read from CALL_NAMES by prefix; the headless CLI refuses exactly these.
    expect(Object.keys(syncHandlers({} as SyncService)).sort()).toEqual([...SYNC_CALLS].sort());
    expect(SYNC_CALLS).toEqual(expect.arrayContaining(['connections.add', 'secrets.unlock', 'sync.start', 'tenants.setGroups', 'tenants.setSyncInterval']));
    expect(SYNC_CALLS).not.toContain('tenants.list');
    expect(SYNC_CALLS).not.toContain('syslog.start');
  });

  it('refuse bad input and a taken name with a sentence, and keep what was there', async () => {
    sim = await startTenantSim({ events: 10 });
    backend = await startBackend({ workspacePath: tempWorkspacePath(), resourcesDir, transport: 'http', workerUrl, demo: false });
    const call = (name: string, input: unknown) => dispatch(backend!.handlers, name, input);
    await expect(call('secrets.unlock', { passphrase: 'short' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Choose a passphrase of at least 8 characters for the new secrets file.',
    });
    await call('secrets.unlock', { passphrase: 'long enough passphrase' });
    await expect(call('connections.add', { kind: 'okta', label: 'X', baseUrl: 'ftp://nope', secret: 's' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Invalid connections.add input at "baseUrl": enter the base URL, e.g. https://acme.okta.com.',
    });
    await expect(call('connections.add', { kind: 'okta', label: 'X', baseUrl: sim.urls.okta, secret: '' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Invalid connections.add input at "secret": enter the token or secret.',
    });
    const first = (await call('connections.add', { kind: 'okta', label: 'Acme', baseUrl: sim.urls.okta, secret: SIM.okta.apiToken })) as { id: number; tenantsListed: number };
    expect(first.tenantsListed).toBe(1);
    await expect(call('connections.add', { kind: 'okta', label: 'Acme', baseUrl: sim.urls.okta, secret: 'other' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'A connection named "Acme" already exists; choose another name.',
    });

    const list = (await call('connections.list', {})) as { connections: { id: number; tenants: { tenantId: number }[] }[] };
    expect(list.connections).toHaveLength(1);
    const tenantId = list.connections[0]!.tenants[0]!.tenantId;
    await call('tenants.setGroups', { tenantId, groups: [' EU ', 'prod', 'EU', ''] });
    await call('tenants.setSyncInterval', { tenantId, minutes: 60 });
    await expect(call('tenants.setSyncInterval', { tenantId, minutes: 1 })).rejects.toMatchObject({ code: 'invalid_input', field: 'minutes' });
    const after = (await call('connections.list', {})) as { connections: { tenants: { groups: string[]; intervalMin: number | null }[] }[] };
    expect(after.connections[0]!.tenants[0]).toMatchObject({ groups: ['EU', 'prod'], intervalMin: 60 });
    expect(await call('sync.status', {})).toMatchObject({ running: 0, failing: 0, lastSuccess: null });
  });
});
