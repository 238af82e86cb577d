/**
 * Sync progress as it happens, whichever transport the page has: the preload's `subscribe` in
 * Electron, or `GET /events` read with fetch() streaming in a browser (EventSource cannot send
 * the token header). The HTTP stream reconnects with a growing pause when it drops; every
 * message is checked against the contract before a listener sees it.
 */
import { EVENTS_PATH, syncEventSchema, type SyncEvent } from '../../../common/contract.ts';
import { TOKEN_HEADER } from '../api/httpTransport.ts';
import { takeSessionToken } from '../api/sessionToken.ts';

export type SyncEventListener = (event: SyncEvent) => void;

/** Splits a server-sent-events text into complete `data:` payloads; returns them and the rest. */
export function splitEventStream(text: string): { payloads: string[]; rest: string } {
  const payloads: string[] = [];
  let rest = text;
  for (let end = rest.indexOf('\n\n'); end >= 0; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data) payloads.push(data);
  }
  return { payloads, rest };
}

function deliver(payload: unknown, listener: SyncEventListener): void {
  const parsed = syncEventSchema.safeParse(payload);
  if (parsed.success) listener(parsed.data);
}

export function subscribeSyncEvents(listener: SyncEventListener, fetchImpl: typeof fetch = fetch): () => void {
  const bridge = window.trailkeeper;
  if (bridge) return bridge.subscribe((event) => deliver(event, listener));

  const token = takeSessionToken();
  const abort = new AbortController();
  let pause = 1_000;
  const run = async () => {
    while (!abort.signal.aborted) {
      try {
        const res = await fetchImpl(EVENTS_PATH, { headers: token ? { [TOKEN_HEADER]: token } : {}, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`);
        pause = 1_000;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let text = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const split = splitEventStream(text + decoder.decode(value, { stream: true }));
          text = split.rest;
          for (const payload of split.payloads) {
            try {
              deliver(JSON.parse(payload), listener);
            } catch {
              // A payload that is not JSON is skipped; the next snapshot corrects the view.
            }
          }
        }
      } catch {
        // Dropped or refused: try again after a pause.
      }
      if (abort.signal.aborted) return;
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 30_000);
    }
  };
  void run();
  return () => abort.abort();
}
