import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../main/electron/permissions.ts';

describe('isPermissionAllowed', () => {
  it.each([
    ['clipboard-sanitized-write', 'app://trailkeeper/index.html', true],
    ['clipboard-sanitized-write', 'app://trailkeeper', true],
    ['clipboard-sanitized-write', 'https://evil.example/', false],
    ['clipboard-sanitized-write', 'app://trailkeeper.evil/', false],
    ['clipboard-sanitized-write', '', false],
    ['clipboard-read', 'app://trailkeeper/index.html', false],
    ['media', 'app://trailkeeper/index.html', false],
    ['notifications', 'app://trailkeeper/index.html', false],
    ['openExternal', 'app://trailkeeper/index.html', false],
    ['geolocation', 'app://trailkeeper/index.html', false],
    ['unknown', 'app://trailkeeper/index.html', false],
  ])('%s from %s → %s', (permission, url, allowed) => {
    expect(isPermissionAllowed(permission, url)).toBe(allowed);
  });
});
