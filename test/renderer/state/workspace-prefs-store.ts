/** A store over the sample workspace whose app.info names a workspace path, with query history bound, as the app builds it. */
import type { CallOutput, TrailkeeperApi } from '../../../common/contract.ts';
import { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { bindQueryHistory } from '../../../renderer/src/state/historySlice.ts';
import { createFakeApi, type FakeApi } from '../../support/fake-api.ts';
import { sampleEvents, TENANTS } from './sample-workspace.ts';

export function workspaceStore(workspacePath = '/work/a.trailkeeper'): { fake: FakeApi; store: ReturnType<typeof createAppStore> } {
  const fake = createFakeApi({ tenants: TENANTS, events: sampleEvents() });
  const info: CallOutput<'app.info'> = { version: '0', workspacePath, transport: 'http', eventCount: 300, fullTextPending: 0, demoLoad: null };
  const api: TrailkeeperApi = { ...fake.api, 'app.info': async () => info };
  const store = createAppStore(api);
  bindQueryHistory(store);
  return { fake, store };
}
