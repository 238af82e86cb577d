/** Browser transport: `POST /api/<call>` to the loopback host, authenticated by the URL token. */
import { apiErrorSchema, type TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from './ApiClientError.ts';
import { buildApi } from './buildApi.ts';

export const TOKEN_HEADER = 'x-trailkeeper-token';

export function createHttpApi(token: string | null, fetchImpl: typeof fetch = fetch): TrailkeeperApi {
  return buildApi(async (name, input, options) => {
    let response: Response;
    try {
      // An aborted request closes the connection, and the host stops the store work it started.
      response = await fetchImpl(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
        body: JSON.stringify(input ?? {}),
        ...(options?.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options?.signal?.aborted) throw new ApiClientError({ code: 'cancelled', message: 'The request was cancelled.' });
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiClientError({ code: 'internal', message: `Could not reach the Trailkeeper host: ${reason}` });
    }
    if (response.ok) return response.json();
    throw await errorFromResponse(response);
  });
}

export async function errorFromResponse(response: Response): Promise<ApiClientError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiClientError(parsed.data);
  const status = `${response.status} ${response.statusText}`.trim();
  return new ApiClientError({ code: 'internal', message: `The Trailkeeper host answered ${status}.` });
}
