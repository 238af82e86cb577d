/**
 * One-line query; Enter runs it. A syntax error shows underneath, pointing at its column. As an
 * ARIA combobox it suggests field names and values while typing, and ↑ recalls earlier queries
 * (hooks/useQueryBoxKeys.ts).
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { QUERY_INPUT_ID } from '../hooks/focusTargets.ts';
import { useQueryBoxKeys } from '../hooks/useQueryBoxKeys.ts';
import { useAppStore } from '../state/store.ts';
import { COMPLETION_LIST_ID, completionOptionId, QueryCompletionList } from './QueryCompletionList.tsx';
import { QueryErrorNote } from './QueryErrorNote.tsx';

const ERROR_ID = 'query-error';

export function QueryBox() {
  const { queryText, queryError, open, items, active, closeCompletion } = useAppStore(
    useShallow((s) => ({
      queryText: s.queryText,
      queryError: s.queryError,
      open: s.completionOpen,
      items: s.completionItems,
      active: s.completionActive,
      closeCompletion: s.closeCompletion,
    })),
  );
  const inputRef = useRef<HTMLInputElement>(null);
  const { onKeyDown, onChange, accept } = useQueryBoxKeys(inputRef);

  // Put the caret where the parser stopped, so the fix starts where the problem is.
  useEffect(() => {
    const input = inputRef.current;
    if (!input || queryError?.column == null || input.value !== queryError.query) return;
    const at = Math.min(Math.max(0, queryError.column - 1), input.value.length);
    input.focus();
    input.setSelectionRange(at, at);
  }, [queryError]);

  return (
    <div className="query-box">
      <input
        ref={inputRef}
        id={QUERY_INPUT_ID}
        className="control query-input"
        data-testid="query-input"
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder='Search… e.g. actor:alice@acme.com AND outcome:failure   (press / to focus)'
        aria-label="Query"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={COMPLETION_LIST_ID}
        aria-activedescendant={open && active >= 0 ? completionOptionId(active) : undefined}
        aria-invalid={queryError !== null}
        aria-describedby={queryError ? ERROR_ID : undefined}
        value={queryText}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onBlur={closeCompletion}
      />
      {open && <QueryCompletionList items={items} active={active} onPick={accept} />}
      {queryError && <QueryErrorNote id={ERROR_ID} error={queryError} />}
    </div>
  );
}
