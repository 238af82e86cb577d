import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * These modules hold the security decisions and must stay testable without an Electron binary
 * (importing 'electron' for real tries to download it): they may import Electron's types only.
 */
const PURE_MODULES = [
  'main/electron/trusted-url.ts',
  'main/electron/ipc-router.ts',
  'main/electron/app-files.ts',
  'main/electron/web-preferences.ts',
  'main/electron/window-state.ts',
  'main/electron/menu.ts',
  'main/electron/permissions.ts',
  'main/workspace-path.ts',
  'main/csp.ts',
];

const repoRoot = join(import.meta.dirname, '../../..');

describe('Electron-free modules', () => {
  it.each(PURE_MODULES)('%s imports Electron for types only', (path) => {
    const source = readFileSync(join(repoRoot, path), 'utf8');
    const electronImports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'electron(\/[^']*)?'/gm)];
    expect(electronImports.filter((match) => match[1] === undefined)).toEqual([]);
    expect(source).not.toMatch(/require\(['"]electron/);
  });
});
