/**
 * Browser-mode Download: asks for a single-use link and lets the browser's download manager fetch
 * it (an `<a download>` click), so the file streams to disk and never passes through the page as a
 * Blob; the link carries no API token.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as unknown[]);
vi.mock('../../../../renderer/src/api/client.ts', () => ({
  api: {
    'exports.downloadTicket': async (input: unknown) => {
      calls.push(input);
      return { url: '/download?id=3&file=manifest&ticket=abc', expiresAt: 1 };
    },
  },
}));
const { downloadExport } = await import('../../../../renderer/src/components/export/download.ts');

afterEach(() => vi.restoreAllMocks());

describe('downloadExport', () => {
  it('clicks an <a download> to the ticket link, with no fetch and no Blob', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const blobUrl = vi.spyOn(URL, 'createObjectURL');
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href')!, download: this.download, attached: this.isConnected });
    });
    await downloadExport(3, 'x.csv', 'manifest');
    expect(calls).toEqual([{ id: 3, file: 'manifest' }]);
    expect(clicked).toEqual([{ href: '/download?id=3&file=manifest&ticket=abc', download: 'x.csv.manifest.json', attached: true }]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(blobUrl).not.toHaveBeenCalled();
  });
});
