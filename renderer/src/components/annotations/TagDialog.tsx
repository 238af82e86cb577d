/**
 * Tag the selection, or tag all in view: one tag added to or removed from the marked rows or
 * every event of the view on screen (its scope, range and query: a time window). Refusals (a bad
 * tag, a view too large) are shown here and nothing is changed.
 */
import { useEffect, useRef, useState } from 'react';
import { tagSchema } from '../../../../common/contract.ts';
import { formatCount } from '../../format/count.ts';
import type { BulkTarget } from '../../state/annotationsSlice.ts';
import { useAppStore } from '../../state/store.ts';

export function TagDialog({ initialTarget, onClose }: { initialTarget: BulkTarget; onClose: () => void }) {
  const marked = useAppStore((s) => s.marked.size);
  const count = useAppStore((s) => s.count);
  const [tag, setTag] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState<BulkTarget>(initialTarget);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const selectedLabel = `the ${formatCount(marked)} selected event${marked === 1 ? '' : 's'}`;
  const viewLabel = `all ${count === null ? '' : `${formatCount(count)} `}events in view (scope, range and query)`;
  const run = async (action: 'add' | 'remove') => {
    const parsed = tagSchema.safeParse(tag);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'not a tag');
    setBusy(true);
    const out = await useAppStore.getState().bulkTag(parsed.data, action, target);
    setBusy(false);
    if (out.ok) onClose();
    else setProblem(out.message);
  };

  return (
    <div className="tag-dialog" role="dialog" aria-modal="false" aria-label="Tag events" data-testid="tag-dialog" onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Esc closes this dialog only, not the inspector behind it (hooks/useGlobalKeys.ts).
        e.preventDefault();
        onClose();
      }}>
      <fieldset className="tag-dialog-target">
        <legend>Tag</legend>
        <label>
          <input type="radio" name="tag-target" data-testid="tag-target-marked" checked={target === 'marked'} disabled={marked === 0} onChange={() => setTarget('marked')} />
          {marked === 0 ? 'the selected rows (none: Ctrl/Cmd-click or Shift-click rows first)' : selectedLabel}
        </label>
        <label>
          <input type="radio" name="tag-target" data-testid="tag-target-view" checked={target === 'view'} onChange={() => setTarget('view')} />
          {viewLabel}
        </label>
      </fieldset>
      <input
        ref={input}
        className="control"
        data-testid="tag-dialog-input"
        aria-label="Tag"
        placeholder="e.g. phishing"
        value={tag}
        aria-invalid={problem !== null}
        onChange={(e) => {
          setTag(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => e.key === 'Enter' && void run('add')}
      />
      {problem && <div className="annotation-problem" role="alert" data-testid="tag-dialog-problem">{problem}</div>}
      <div className="tag-dialog-buttons">
        <button type="button" className="control primary" data-testid="tag-dialog-add" disabled={busy} onClick={() => void run('add')}>Add tag</button>
        <button type="button" className="control" data-testid="tag-dialog-remove" disabled={busy} onClick={() => void run('remove')}>Remove tag</button>
        <button type="button" className="control" onClick={onClose}>Cancel</button>
      </div>
    </div>
  );
}
