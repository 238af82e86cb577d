/** "Go to <time>": jumps the table to the first event at or past a typed time, in the zone shown. */
import { useState, type FormEvent } from 'react';
import { parseTypedTime } from '../format/parseTime.ts';
import { useAppStore } from '../state/store.ts';

export function GoToTime() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const timeZone = useAppStore((s) => s.timeZone);
  const goToTime = useAppStore((s) => s.goToTime);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTypedTime(text, timeZone);
    if (!parsed.ok) return setProblem(parsed.message);
    setProblem(null);
    void goToTime(parsed.ts);
  };

  return (
    <form className="go-to-time" onSubmit={submit} data-testid="go-to-time">
      <input
        className="control"
        aria-label={`Go to a time (${timeZone === 'utc' ? 'UTC' : 'local time'})`}
        placeholder={`Go to time (${timeZone === 'utc' ? 'UTC' : 'local'})`}
        value={text}
        aria-invalid={problem !== null}
        title={problem ?? 'Type a time and press Enter'}
        onChange={(e) => setText(e.target.value)}
      />
      {problem && <span className="go-to-problem" role="alert">{problem}</span>}
    </form>
  );
}
