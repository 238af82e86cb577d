import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  checkSender,
  isSafeExternalUrl,
  isTrustedAppUrl,
} from '../../../main/electron/trusted-url.ts';

describe('isTrustedAppUrl', () => {
  it.each([
    ['app://trailkeeper/index.html', true],
    ['app://trailkeeper/', true],
    ['app://trailkeeper', true],
    ['app://trailkeeper/assets/index-abc.js?v=1#top', true],
    [APP_ENTRY_URL, true],
    ['app://other/index.html', false],
    ['app://trailkeeper.evil/index.html', false],
    ['app://evil.trailkeeper/index.html', false],
    ['app://trailkeeper@evil/index.html', false],
    ['app://user:pw@trailkeeper/index.html', false],
    ['app://trailkeeper:8080/index.html', false],
    ['app://evil/?next=app://trailkeeper/', false],
    ['https://trailkeeper/index.html', false],
    ['https://evil.example/', false],
    ['http://127.0.0.1:5173/', false],
    ['file:///work/main/out/renderer/index.html', false],
    ['apps://trailkeeper/', false],
    ['javascript:alert(1)//app://trailkeeper/', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedAppUrl(url)).toBe(trusted);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://github.com/trailkeeper', true],
    ['http://example.com/docs?q=1', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['file://server/share/x.exe', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['smb://server/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['vbscript:msgbox', false],
    ['app://trailkeeper/index.html', false],
    ['mailto:someone@example.com', false],
    ['https://user:pw@example.com/', false],
    ['https://github.com@evil.example/', false],
    ['//example.com/', false],
    ['', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('checkSender', () => {
  it("accepts the app's own top frame", () => {
    expect(checkSender({ frameUrl: 'app://trailkeeper/index.html', isTopFrame: true })).toEqual({ ok: true });
  });

  it('refuses a missing frame', () => {
    const verdict = checkSender({ frameUrl: null, isTopFrame: true });
    expect(verdict.ok).toBe(false);
  });

  it('refuses a subframe, even one on the app origin', () => {
    const verdict = checkSender({ frameUrl: 'app://trailkeeper/index.html', isTopFrame: false });
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('subframe') });
  });

  it.each([
    'https://evil.example/',
    'file:///work/main/out/renderer/index.html',
    'app://other/index.html',
    'app://trailkeeper.evil/index.html',
    'about:blank',
    '',
  ])('refuses a top frame on %s', (frameUrl) => {
    const verdict = checkSender({ frameUrl, isTopFrame: true });
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('not the app') });
  });
});
