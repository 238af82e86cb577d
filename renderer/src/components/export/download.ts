/**
 * Browser mode: fetches a finished export (or its manifest) from `GET /download` with the token
 * header (the API token never goes into a URL) and hands it to the browser as a file download.
 * The file passes through a Blob, so a very large export is better taken from the exports
 * folder or with the `trailkeeper` command line.
 */
import { DOWNLOAD_PATH } from '../../../../common/contract.ts';
import { errorFromResponse, TOKEN_HEADER } from '../../api/httpTransport.ts';
import { sessionToken } from '../../api/sessionToken.ts';

export async function downloadExport(id: number, name: string, file: 'data' | 'manifest' = 'data'): Promise<void> {
  const token = sessionToken();
  const response = await fetch(`${DOWNLOAD_PATH}?id=${id}${file === 'manifest' ? '&file=manifest' : ''}`, {
    headers: token ? { [TOKEN_HEADER]: token } : {},
  });
  if (!response.ok) throw await errorFromResponse(response);
  const url = URL.createObjectURL(await response.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = file === 'manifest' ? `${name}.manifest.json` : name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Revoked after the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
