/**
 * A typed range: From and Until in the zone the table shows (or with their own Z / ±hh:mm), either
 * left empty for open-ended. Opened from the range picker's "Custom from/until…"; Enter applies,
 * Esc or Cancel closes, a time that does not parse is named and nothing changes.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { parseTypedTime } from '../format/parseTime.ts';
import { formatTs, type TimeZoneMode } from '../format/time.ts';
import type { ResolvedRange } from '../format/rangePresets.ts';
import './CustomRangeForm.css';

type Props = {
  initial: ResolvedRange;
  timeZone: TimeZoneMode;
  onApply: (range: ResolvedRange) => void;
  onClose: () => void;
};

/** Empty text is an open end; anything else must parse. */
function readEnd(text: string, label: string, timeZone: TimeZoneMode): { ok: true; ts: number | null } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, ts: null };
  const parsed = parseTypedTime(text, timeZone);
  return parsed.ok ? parsed : { ok: false, message: `${label}: ${parsed.message}` };
}

export function CustomRangeForm({ initial, timeZone, onApply, onClose }: Props) {
  const [fromText, setFromText] = useState(initial.from === null ? '' : formatTs(initial.from, timeZone));
  const [toText, setToText] = useState(initial.to === null ? '' : formatTs(initial.to, timeZone));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const from = readEnd(fromText, 'From', timeZone);
    if (!from.ok) return setProblem(from.message);
    const to = readEnd(toText, 'Until', timeZone);
    if (!to.ok) return setProblem(to.message);
    if (from.ts !== null && to.ts !== null && from.ts >= to.ts) return setProblem('From must be before Until.');
    onApply({ from: from.ts, to: to.ts });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
  const zone = timeZone === 'utc' ? 'UTC' : 'local time';

  return (
    <form className="custom-range" data-testid="custom-range" role="dialog" aria-label="Custom time range" onSubmit={submit} onKeyDown={onKeyDown}>
      <label>
        From
        <input className="control" data-testid="custom-range-from" autoFocus placeholder={`2026-03-01 14:00 (${zone}); empty: the start`} value={fromText} onChange={(e) => setFromText(e.target.value)} />
      </label>
      <label>
        Until
        <input className="control" data-testid="custom-range-to" placeholder={`2026-03-02 (${zone}); empty: now`} value={toText} onChange={(e) => setToText(e.target.value)} />
      </label>
      {problem && <div className="custom-range-problem" role="alert" data-testid="custom-range-problem">{problem}</div>}
      <div className="custom-range-actions">
        <button type="submit" className="control" data-testid="custom-range-apply">Apply</button>
        <button type="button" className="control" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
