import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_PREFIX } from '../../../preload/contract.ts';

/** Stand-in for Electron's renderer modules: records what the preload exposes and invokes. */
const electron = vi.hoisted(() => ({
  exposed: [] as Array<{ key: string; api: Record<string, unknown> }>,
  invoked: [] as unknown[][],
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
  },
}));

const preload = await import('../../../preload/index.ts');

describe('preload', () => {
  it('exposes one global, window.trailkeeper', () => {
    expect(electron.exposed.map((e) => e.key)).toEqual(['trailkeeper']);
  });

  it('exposes exactly one function per contract call, and nothing generic', () => {
    const api = electron.exposed[0]!.api;
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(api).not.toHaveProperty(generic);
  });

  it("keeps its own name list and prefix equal to the contract's", () => {
    expect(preload.PRELOAD_CALL_NAMES).toEqual(CALL_NAMES);
    expect(preload.PRELOAD_IPC_PREFIX).toBe(IPC_PREFIX);
  });

  it("invokes the call's prefixed channel with the input only, and returns main's envelope", async () => {
    const api = electron.exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const reply = await api['events.get']!({ id: 7 }, 'smuggled');
    expect(electron.invoked).toEqual([[`${IPC_PREFIX}events.get`, { id: 7 }]]);
    expect(reply).toEqual({ ok: true, value: 'from main' });
  });

  it("imports nothing but 'electron' at run time (a sandboxed preload can load nothing else)", () => {
    const source = readFileSync(join(import.meta.dirname, '../../../preload/index.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
  });
});
