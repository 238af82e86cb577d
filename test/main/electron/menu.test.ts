import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from '../../../main/electron/menu.ts';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('appMenuTemplate', () => {
  it('offers reload and dev tools only in development builds', () => {
    const dev = roles(appMenuTemplate({ isDev: true, isMac: false, onAbout: () => undefined }));
    const shipped = roles(appMenuTemplate({ isDev: false, isMac: false, onAbout: () => undefined }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(shipped).not.toContain(role);
  });

  it('has Quit, copy/paste and zoom everywhere', () => {
    const shipped = roles(appMenuTemplate({ isDev: false, isMac: false, onAbout: () => undefined }));
    expect(shipped).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('puts Quit in the app menu on macOS', () => {
    const mac = appMenuTemplate({ isDev: false, isMac: true, onAbout: () => undefined });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(roles(mac)).not.toContain('quit');
  });

  it('shows About from Help', () => {
    const onAbout = vi.fn();
    const help = appMenuTemplate({ isDev: false, isMac: false, onAbout }).find((item) => item.label === 'Help')!;
    const about = (help.submenu as MenuItemConstructorOptions[])[0]!;
    expect(about.label).toBe('About Trailkeeper');
    (about.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });
});
