/**
 * Browser mode: downloads a finished export (or its manifest) through the browser's own download
 * manager, which streams it to disk, so even a very large export never sits in the page's memory.
 * The page asks `exports.downloadTicket` (token in the header, as every call) for a single-use
 * link that works for about a minute, then clicks an `<a download>` to it: the API token never
 * goes into a URL, and the link in the browser's history opens nothing once used.
 */
import { api } from '../../api/client.ts';

export async function downloadExport(id: number, name: string, file: 'data' | 'manifest' = 'data'): Promise<void> {
  const { url } = await api['exports.downloadTicket']({ id, file });
  const a = document.createElement('a');
  a.href = url;
  a.download = file === 'manifest' ? `${name}.manifest.json` : name;
  document.body.append(a);
  a.click();
  a.remove();
}
