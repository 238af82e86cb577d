/**
 * A rule run as it goes: rule i of n, the rule's title, the findings so far when the engine says,
 * and the time taken. The run happens in a reader thread; this polls `rules.progress` (as the
 * export history polls exports.list), so the page never waits on the run to repaint.
 */
import { useEffect, useState } from 'react';
import type { RuleProgress } from '../../../../common/contract.ts';
import { api } from '../../api/client.ts';

export const PROGRESS_POLL_MS = 200;

/** The latest progress while `running`; polling stops with it. */
export function useRuleProgress(running: boolean): RuleProgress | null {
  const [progress, setProgress] = useState<RuleProgress | null>(null);
  useEffect(() => {
    if (!running) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await api['rules.progress']({});
        if (live && p.running) setProgress(p);
      } catch {
        // A missed poll changes nothing: the next one, or the run's answer, follows.
      }
      if (live) timer = setTimeout(() => void poll(), PROGRESS_POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
      setProgress(null);
    };
  }, [running]);
  return progress;
}

export function RuleRunProgress({ progress, elapsedMs }: { progress: RuleProgress | null; elapsedMs: number }) {
  const seconds = `${(elapsedMs / 1000).toFixed(1)} s`;
  if (!progress || progress.total === 0) {
    return <p role="status" data-testid="rules-progress">Starting the run… {seconds}</p>;
  }
  const { done, total, rule, findings } = progress;
  return (
    <div role="status" data-testid="rules-progress">
      <progress max={total} value={done} aria-label="Rules run so far" />{' '}
      <span data-testid="rules-progress-text">
        {rule ? `Rule ${Math.min(done + 1, total)} of ${total}: ${rule}` : `${done} of ${total} rules run`}
        {findings !== null ? ` · ${findings} finding${findings === 1 ? '' : 's'} so far` : ''} · {seconds}
      </span>
    </div>
  );
}
