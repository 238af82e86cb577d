/**
 * The Electron main entry (built to out/main/index.js). Order matters: the app:// scheme and the
 * web-contents guards are installed before `ready`; after it, the session is locked down, the
 * protocol served, the workspace opened, IPC registered — and only then is a window created, so
 * the page can never run before its rules are in place.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { startBackend, type Backend } from '../backend.ts';
import { desktopExports } from '../export/desktop-exports.ts';
import { resolveWorkspacePath } from '../workspace-path.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { registerIpcRouter } from './ipc-router.ts';
import { DropRegistry, registerDropChannel } from './drop-registry.ts';
import { chooseImportFiles } from './import-dialog.ts';
import { registerSyncSubscriptions } from './subscriptions.ts';
import { SafeStorageStore } from '../secrets/safe-storage.ts';
import { appMenuTemplate } from './menu.ts';
import { hardenSession, installSecurityGuards } from './security.ts';
import { createMainWindow } from './window.ts';

const isDev = !app.isPackaged;
const builtMainDir = import.meta.dirname; // out/main (inside app.asar when packaged)

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let unregisterIpc: (() => void) | null = null;
const drops = new DropRegistry();

function resourcesDir(): string {
  // Packaged: electron-builder copies resources/ beside app.asar (extraResources).
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: 'About Trailkeeper',
    message: `Trailkeeper ${app.getVersion()}`,
    detail: `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveAppProtocol(join(builtMainDir, '../renderer'));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ isDev, isMac: process.platform === 'darwin', onAbout: showAbout })),
  );

  const workspacePath = resolveWorkspacePath(process.argv, process.env, app.getPath('userData'));
  mkdirSync(dirname(workspacePath), { recursive: true });
  backend = await startBackend({
    workspacePath,
    resourcesDir: resourcesDir(),
    transport: 'ipc',
    // electron-builder unpacks the worker beside better-sqlite3 (asarUnpack): load it from there.
    workerUrl: pathToFileURL(join(builtMainDir.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked'), 'store-worker.js')),
    version: app.getVersion(),
    // Connection secrets sealed by the OS key store, in a file beside the workspace.
    secrets: new SafeStorageStore(safeStorage, `${workspacePath}.keys`),
    // Imports by the main process's own Open dialog, or by a drop id (never a path from the page).
    desktopFiles: { chooseFiles: () => chooseImportFiles(dialog, mainWindow), takeDrop: (dropId) => drops.take(dropId) },
    // Exports by the main process's own Save dialog; Reveal in folder only for recorded exports.
    desktopExports: desktopExports(
      { showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)) },
      shell,
    ),
  });
  const unregisterCalls = registerIpcRouter(ipcMain, backend.handlers);
  const unregisterEvents = registerSyncSubscriptions(ipcMain, backend.sync.engine);
  const unregisterDrops = registerDropChannel(ipcMain, drops);
  unregisterIpc = () => {
    unregisterCalls();
    unregisterEvents();
    unregisterDrops();
  };

  mainWindow = createMainWindow({ stateFile: join(app.getPath('userData'), 'window-state.json'), isDev });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Stops IPC, then closes the workspace (the store runs PRAGMA optimize there) before exiting. */
let backendClosed = false;
app.on('will-quit', (event) => {
  if (backendClosed || backend === null) return;
  event.preventDefault();
  const closing = backend;
  backend = null;
  unregisterIpc?.();
  closing
    .close()
    .catch((error: unknown) => console.error('Closing the workspace failed:', error))
    .finally(() => {
      backendClosed = true;
      app.quit();
    });
});

// The workspace belongs to the one window: closing it ends the app on every platform.
app.on('window-all-closed', () => app.quit());

registerAppScheme();
installSecurityGuards();

if (!app.requestSingleInstanceLock()) {
  // Another Trailkeeper holds the workspace; it focuses its window (below) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  start().catch((error: unknown) => {
    console.error('Trailkeeper could not start:', error);
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Trailkeeper could not start', reason);
    app.exit(1);
  });
}
