import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWorkspacePath } from '../../main/workspace-path.ts';

const userData = '/home/ana/.config/Trailkeeper';
const cwd = '/home/ana/cases';

describe('resolveWorkspacePath', () => {
  it('prefers --workspace PATH over the environment and the default', () => {
    const env = { TRAILKEEPER_WORKSPACE: '/env/ws.trailkeeper' };
    expect(resolveWorkspacePath(['--workspace', '/flag/ws.trailkeeper'], env, userData, cwd)).toBe('/flag/ws.trailkeeper');
  });

  it('accepts --workspace=PATH', () => {
    expect(resolveWorkspacePath(['--workspace=/flag/ws.trailkeeper'], {}, userData, cwd)).toBe('/flag/ws.trailkeeper');
  });

  it('finds the flag among Electron and Chromium arguments', () => {
    const argv = ['/opt/Trailkeeper/trailkeeper', '.', '--no-sandbox-ignored', '--workspace', 'acme.trailkeeper'];
    expect(resolveWorkspacePath(argv, {}, userData, cwd)).toBe('/home/ana/cases/acme.trailkeeper');
  });

  it('uses TRAILKEEPER_WORKSPACE without the flag', () => {
    expect(resolveWorkspacePath([], { TRAILKEEPER_WORKSPACE: '/env/ws.trailkeeper' }, userData, cwd)).toBe('/env/ws.trailkeeper');
  });

  it('ignores a blank TRAILKEEPER_WORKSPACE', () => {
    expect(resolveWorkspacePath([], { TRAILKEEPER_WORKSPACE: '  ' }, userData, cwd)).toBe(join(userData, 'workspace.trailkeeper'));
  });

  it('defaults to workspace.trailkeeper in userData', () => {
    expect(resolveWorkspacePath(['--port', '8080'], {}, userData, cwd)).toBe(join(userData, 'workspace.trailkeeper'));
  });

  it('makes a relative path absolute against the working directory', () => {
    expect(resolveWorkspacePath([], { TRAILKEEPER_WORKSPACE: 'x/ws.trailkeeper' }, userData, cwd)).toBe('/home/ana/cases/x/ws.trailkeeper');
  });

  it.each([[['--workspace']], [['--workspace', '--port']], [['--workspace=']]])('refuses %j without a path', (argv) => {
    expect(() => resolveWorkspacePath(argv, {}, userData, cwd)).toThrow(/--workspace needs a file path/);
  });
});
