import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  openExternal: vi.fn(async (_url: string) => undefined),
  appListeners: new Map<string, (...args: unknown[]) => void>(),
}));

vi.mock('electron', () => ({
  shell: { openExternal: electron.openExternal },
  app: { on: (name: string, listener: (...args: unknown[]) => void) => electron.appListeners.set(name, listener) },
}));

const { hardenSession, hardenWebContents, installSecurityGuards } = await import('../../../main/electron/security.ts');
const { openExternalSafely } = await import('../../../main/electron/open-external.ts');

type Handler = (details: { url: string }) => { action: string };

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type CheckHandler = (...args: unknown[]) => boolean;

/** A session that records the handlers the app installs. */
function fakeSession() {
  const session = {
    request: null as RequestHandler | null,
    check: null as CheckHandler | null,
    device: null as CheckHandler | null,
    setPermissionRequestHandler: (handler: RequestHandler) => void (session.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (session.check = handler),
    setDevicePermissionHandler: (handler: CheckHandler) => void (session.device = handler),
  };
  return session;
}

/** Just enough of a WebContents: events, the window-open handler, its session. */
function fakeContents() {
  const contents = Object.assign(new EventEmitter(), {
    windowOpenHandler: null as Handler | null,
    session: fakeSession(),
    setWindowOpenHandler(handler: Handler) {
      contents.windowOpenHandler = handler;
    },
  });
  hardenWebContents(contents as never);
  return contents;
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => {
  electron.openExternal.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app is prevented', (name) => {
    const contents = fakeContents();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)']) {
      const event = navigationEvent(url);
      contents.emit(name, event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s within app://trailkeeper is allowed', (name) => {
    const contents = fakeContents();
    const event = navigationEvent('app://trailkeeper/index.html');
    contents.emit(name, event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents every <webview>', () => {
    const contents = fakeContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window; http(s) links go to the OS browser, nothing else does', async () => {
    const handler = fakeContents().windowOpenHandler!;
    for (const url of ['https://github.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://trailkeeper/x', 'smb://h/s']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(electron.openExternal.mock.calls).toEqual([['https://github.com/']]);
  });

  it("hardens the contents' session too", () => {
    const contents = fakeContents();
    expect(contents.session.request).not.toBeNull();
  });
});

describe('hardenSession', () => {
  const appPage = 'app://trailkeeper/index.html';

  it('denies every permission request and check, even from the app page', () => {
    const session = fakeSession();
    hardenSession(session as never);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'fullscreen']) {
      const callback = vi.fn();
      session.request!({}, permission, callback, { requestingUrl: appPage });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.check!({}, permission, 'app://trailkeeper', {}), permission).toBe(false);
    }
  });

  it('lets only the app page write to the clipboard', () => {
    const session = fakeSession();
    hardenSession(session as never);
    const granted = vi.fn();
    session.request!({}, 'clipboard-sanitized-write', granted, { requestingUrl: appPage });
    expect(granted).toHaveBeenCalledWith(true);
    expect(session.check!({}, 'clipboard-sanitized-write', 'app://trailkeeper', {})).toBe(true);
    const denied = vi.fn();
    session.request!({}, 'clipboard-sanitized-write', denied, { requestingUrl: 'https://evil.example/' });
    expect(denied).toHaveBeenCalledWith(false);
    expect(session.check!({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
  });

  it('denies every device', () => {
    const session = fakeSession();
    hardenSession(session as never);
    expect(session.device!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('installSecurityGuards', () => {
  it('hardens every web contents the app creates', () => {
    installSecurityGuards();
    const contents = Object.assign(new EventEmitter(), {
      session: fakeSession(),
      setWindowOpenHandler: vi.fn(),
    });
    electron.appListeners.get('web-contents-created')!({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('openExternalSafely', () => {
  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://host/share', 'ms-msdt:/id x'])(
    'never hands %s to the OS',
    async (url) => {
      expect(await openExternalSafely(url)).toBe(false);
      expect(electron.openExternal).not.toHaveBeenCalled();
    },
  );

  it.each(['https://example.com/a?b=c', 'http://example.com/'])('opens %s', async (url) => {
    expect(await openExternalSafely(url)).toBe(true);
    expect(electron.openExternal).toHaveBeenCalledWith(url);
  });
});
