import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, CANCEL_CHANNEL, IPC_PREFIX } from '../../common/contract.ts';
import { DROP_CHANNEL } from '../../common/call-names.ts';

/** Stand-in for Electron's renderer modules: records what the preload exposes and invokes. */
const electron = vi.hoisted(() => ({
  exposed: [] as Array<{ key: string; api: Record<string, unknown> }>,
  invoked: [] as unknown[][],
  sent: [] as unknown[][],
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => electron.exposed.push({ key, api }),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invoked.push(args);
      return { ok: true, value: 'from main' };
    },
    send: (...args: unknown[]) => electron.sent.push(args),
    on: () => {},
  },
  // A dropped File's path comes from Electron; here, from a stand-in that knows one file.
  webUtils: { getPathForFile: (file: File) => (file.name === 'dropped.json' ? '/home/ana/dropped.json' : '') },
}));

await import('../../preload/index.ts');

describe('preload', () => {
  it('exposes one global, window.trailkeeper', () => {
    expect(electron.exposed.map((e) => e.key)).toEqual(['trailkeeper']);
  });

  it('exposes exactly one function per contract call plus cancel, and nothing generic', () => {
    const api = electron.exposed[0]!.api;
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'cancel', 'subscribe', 'registerDrop'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(api).not.toHaveProperty(generic);
  });

  it("invokes the call's prefixed channel with the input and a numeric call id only, and returns main's envelope", async () => {
    const api = electron.exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const reply = await api['events.get']!({ id: 7 }, 12, 'smuggled');
    await api['events.get']!({ id: 8 }, 'not-a-number');
    expect(electron.invoked).toEqual([
      [`${IPC_PREFIX}events.get`, { id: 7 }, 12],
      [`${IPC_PREFIX}events.get`, { id: 8 }, null],
    ]);
    expect(reply).toEqual({ ok: true, value: 'from main' });
  });

  it('cancel sends the call id on the cancel channel, and only a number', () => {
    const api = electron.exposed[0]!.api as Record<string, (...args: unknown[]) => void>;
    api.cancel!(12);
    api.cancel!({ evil: true });
    expect(electron.sent).toEqual([[CANCEL_CHANNEL, 12]]);
  });

  it("registerDrop sends each dropped File's own path on the drop channel, and '' for anything else", async () => {
    const api = electron.exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    electron.invoked.length = 0;
    await api.registerDrop!([new File(['{}'], 'dropped.json'), new File(['x'], 'made-up.json'), '/etc/passwd']);
    expect(electron.invoked).toEqual([[DROP_CHANNEL, ['/home/ana/dropped.json', '', '']]]);
  });

  it("loads only 'electron' and the dependency-free call names at run time (a sandboxed preload can load nothing else)", () => {
    const runtimeImports = (file: string) => {
      const source = readFileSync(join(import.meta.dirname, '../..', file), 'utf8');
      return [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    };
    expect(runtimeImports('preload/index.ts')).toEqual(['electron', '../common/call-names.ts']);
    expect(runtimeImports('common/call-names.ts')).toEqual([]);
  });
});
