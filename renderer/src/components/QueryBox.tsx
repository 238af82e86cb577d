/** One-line query; Enter runs it. A syntax error shows underneath, pointing at its column. */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { QUERY_INPUT_ID } from '../hooks/focusTargets.ts';
import { useAppStore } from '../state/store.ts';
import { QueryErrorNote } from './QueryErrorNote.tsx';

const ERROR_ID = 'query-error';

export function QueryBox() {
  const { queryText, setQueryText, runQuery, queryError } = useAppStore(
    useShallow((s) => ({ queryText: s.queryText, setQueryText: s.setQueryText, runQuery: s.runQuery, queryError: s.queryError })),
  );
  const inputRef = useRef<HTMLInputElement>(null);

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
        aria-invalid={queryError !== null}
        aria-describedby={queryError ? ERROR_ID : undefined}
        value={queryText}
        onChange={(e) => setQueryText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            runQuery();
          }
        }}
      />
      {queryError && <QueryErrorNote id={ERROR_ID} error={queryError} />}
    </div>
  );
}
