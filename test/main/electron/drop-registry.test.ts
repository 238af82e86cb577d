/**
 * Drag-and-drop in the desktop app: dropped paths are kept under a random id for the app's own
 * page only; an id is good once and for a limited time; anything but absolute paths is refused.
 */
import { describe, expect, it } from 'vitest';
import { DROP_CHANNEL } from '../../../common/call-names.ts';
import type { DropRegistration } from '../../../common/contract.ts';
import { DropRegistry, registerDropChannel } from '../../../main/electron/drop-registry.ts';
import type { InvokeEventLike } from '../../../main/electron/ipc-router.ts';

function fakeIpc() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  return {
    handlers,
    handle: (channel: string, l: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) => void handlers.set(channel, l),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

function eventFrom(url: string, topFrame = true): InvokeEventLike {
  const main = { url, frameToken: 'main', detached: false };
  const frame = topFrame ? main : { url, frameToken: 'sub', detached: false };
  return { senderFrame: frame, sender: { mainFrame: main } };
}

describe('DropRegistry', () => {
  it('hands out a drop once, under an id that is not the path', () => {
    const registry = new DropRegistry();
    const reg = registry.register(['/home/ana/cloudtrail.json', '/home/ana/okta.ndjson.gz']);
    expect(reg).toMatchObject({ ok: true, fileNames: ['cloudtrail.json', 'okta.ndjson.gz'] });
    const { dropId } = reg as Extract<DropRegistration, { ok: true }>;
    expect(dropId).toMatch(/^[0-9a-f-]{36}$/);
    expect(registry.take(dropId)).toEqual(['/home/ana/cloudtrail.json', '/home/ana/okta.ndjson.gz']);
    expect(registry.take(dropId)).toBeNull();
    expect(registry.take('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('forgets a drop after its time limit', () => {
    let now = 1_000;
    const registry = new DropRegistry({ ttlMs: 60_000, now: () => now });
    const reg = registry.register(['/tmp/a.json']) as Extract<DropRegistration, { ok: true }>;
    now += 60_001;
    expect(registry.take(reg.dropId)).toBeNull();
  });

  it('keeps at most maxDrops, forgetting the oldest', () => {
    const registry = new DropRegistry({ maxDrops: 2 });
    const ids = ['/a', '/b', '/c'].map((p) => (registry.register([p]) as Extract<DropRegistration, { ok: true }>).dropId);
    expect(registry.take(ids[0]!)).toBeNull();
    expect(registry.take(ids[2]!)).toEqual(['/c']);
  });

  it("refuses what is not a list of absolute paths, with a sentence, and keeps nothing", () => {
    const registry = new DropRegistry({ maxFiles: 3 });
    for (const bad of [[], 'not-a-list', ['relative/path.json'], [''], ['/a', 42], ['/a\0b'], ['/a', '/b', '/c', '/d']]) {
      const reg = registry.register(bad);
      expect(reg.ok, JSON.stringify(bad)).toBe(false);
      expect((reg as { message: string }).message).toMatch(/^[A-Z0-9].*\.$/);
    }
  });
});

describe('the drop channel', () => {
  it("registers a drop for the app's own top frame and refuses anyone else", async () => {
    const ipc = fakeIpc();
    const registry = new DropRegistry();
    const warnings: string[] = [];
    const unregister = registerDropChannel(ipc, registry, { warn: (m) => warnings.push(m) });
    const handler = ipc.handlers.get(DROP_CHANNEL)!;

    const ok = (await handler(eventFrom('app://trailkeeper/index.html'), ['/home/ana/x.json'])) as Extract<DropRegistration, { ok: true }>;
    expect(ok.ok).toBe(true);
    expect(registry.take(ok.dropId)).toEqual(['/home/ana/x.json']);

    for (const event of [eventFrom('https://evil.example/'), eventFrom('app://trailkeeper/index.html', false)]) {
      expect(await handler(event, ['/etc/shadow'])).toEqual({ ok: false, message: 'This window is not allowed to use the Trailkeeper API.' });
    }
    expect(warnings).toHaveLength(2);
    unregister();
    expect(ipc.handlers.has(DROP_CHANNEL)).toBe(false);
  });
});
