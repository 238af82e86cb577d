/**
 * The API token survives a reload that carries only the session cookie (issue 7, item 3): the
 * page takes it from `?token=` once, hides it from the URL, and reads it back from this origin's
 * sessionStorage after the reload.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  window.sessionStorage.clear();
  vi.resetModules();
});

async function freshModule() {
  return import('../../../renderer/src/api/sessionToken.ts');
}

describe('session token', () => {
  it('takes the token from the URL, removes it from the address bar, and finds it again after a reload', async () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#frag');
    const first = await freshModule();
    expect(first.takeSessionToken()).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#frag');
    // A reload: new module state, the URL no longer holds the token.
    window.history.replaceState(null, '', '/');
    const reloaded = await freshModule();
    expect(reloaded.takeSessionToken()).toBe('abc123');
    expect(reloaded.sessionToken()).toBe('abc123');
  });

  it('has no token when the page was never opened with one', async () => {
    window.history.replaceState(null, '', '/');
    const mod = await freshModule();
    expect(mod.sessionToken()).toBeNull();
  });
});
