/**
 * Says when full-text search does not yet cover every event: the store indexes full text behind
 * ingest, so right after a large import a word search can miss the newest events for a while.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { formatCount } from '../format/count.ts';

const POLL_MS = 3_000;

export function FullTextStatus() {
  const [pending, setPending] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const info = await api['app.info']({});
        if (stopped) return;
        setPending(info.fullTextPending);
        if (info.fullTextPending > 0) timer = setTimeout(() => void poll(), POLL_MS);
      } catch {
        // Status only: a failed poll leaves the last figure and tries no more.
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (pending === 0) return null;
  return (
    <span className="full-text-status" data-testid="full-text-status" title="Column filters already cover every event">
      indexing full text: {formatCount(pending)} to go
    </span>
  );
}
