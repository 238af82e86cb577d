/**
 * A workspace for the export tests: the production store worker, one tenant of generated events
 * plus a handful of hostile ones (quotes, commas, newlines, Unicode, formula prefixes, raw text
 * with its own spacing), and the export handlers over it.
 */
import { normalizedEvent, type NormalizedEvent } from '../../../main/domain/event.ts';
import { exportHandlers } from '../../../main/export/api-handlers.ts';
import { StoreHost } from '../../../main/store-host/store-host.ts';
import { BASE_TS, makeEvents } from '../store/fixtures.ts';

export const workerUrl = new URL('../../../main/store-worker/entry.ts', import.meta.url);

export function hostileEvents(): NormalizedEvent[] {
  const cells = [
    '=HYPERLINK("http://evil.test","click")',
    '+1+1',
    '-2',
    '@SUM(A1)',
    '\tTabbed',
    '\rReturned',
    "'quoted already",
    'comma, "quote", and\r\nnew line',
    'Zoë 🚀 日本語',
  ];
  return cells.map((text, i) =>
    normalizedEvent({
      sourceId: `hostile-${i}`,
      ts: BASE_TS + i * 1000,
      tsRaw: new Date(BASE_TS + i * 1000).toISOString(),
      action: text,
      actorName: text,
      message: text,
      // Raw text with its own spacing and a newline inside: exported byte for byte.
      raw: `{"uuid": "hostile-${i}",\n  "text": ${JSON.stringify(text)}}`,
    }),
  );
}

export async function openExportWorkspace(path: string, opts: { readers?: number } = {}) {
  const store = await StoreHost.open({ workspacePath: path, workerUrl, readers: opts.readers ?? 2 });
  const handlers = exportHandlers({ store, version: '9.9.9-test', workspacePath: path, transport: 'cli' });
  return { store, handlers };
}

export async function fillWorkspace(store: StoreHost, count: number): Promise<number> {
  const connectionId = await store.write('ensureConnection', { kind: 'okta', label: 'Acme', baseUrl: null });
  const tenantId = await store.write('ensureTenant', { connectionId, tenant: { externalId: 'acme', name: 'Acme Corp', groups: ['eu'] } });
  await store.write('ingestBatch', { tenantId, events: hostileEvents() });
  const events = makeEvents(7, count, { prefix: 'gen' });
  for (let i = 0; i < events.length; i += 5000) await store.write('ingestBatch', { tenantId, events: events.slice(i, i + 5000) });
  // Bare words search the full-text index, which otherwise trails ingest by a few seconds.
  await store.write('indexFullText', undefined);
  return tenantId;
}
