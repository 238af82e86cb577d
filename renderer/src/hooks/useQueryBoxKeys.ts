/**
 * The query box's keys. With suggestions open: ↑/↓ pick one, Tab takes the picked one (or the
 * first), Enter takes the picked one (none picked: runs the query), Esc closes them. Closed:
 * Enter runs the query, and ↑/↓ walk the query history when the box is empty or still shows
 * the query that ran or the one ↑ recalled (never over text the user is editing).
 */
import type { ChangeEvent, KeyboardEvent, RefObject } from 'react';
import { applyCompletion } from '../format/queryCompletion.ts';
import { useAppStore } from '../state/store.ts';

export function useQueryBoxKeys(input: RefObject<HTMLInputElement | null>) {
  const setText = (text: string, caret: number) => {
    useAppStore.getState().setQueryText(text);
    // After React writes the value, put the caret where the new text wants it.
    queueMicrotask(() => input.current?.setSelectionRange(caret, caret));
  };

  const accept = (index: number) => {
    const s = useAppStore.getState();
    const item = s.completionItems[index];
    if (!item || !s.completionContext) return;
    const next = applyCompletion(s.queryText, s.completionContext, item);
    setText(next.text, next.caret);
    // A field taken goes straight on to its values.
    s.updateCompletion(next.text, next.caret);
  };

  const walkHistory = (direction: 'back' | 'forward'): boolean => {
    const s = useAppStore.getState();
    const text = s.queryText;
    const unchanged = text.trim() === '' || s.historyPos !== null || text === s.activeView?.query;
    if (!unchanged) return false;
    const next = s.stepHistory(direction, text);
    if (next === null) return false;
    setText(next, next.length);
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const s = useAppStore.getState();
    if (s.completionOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        s.moveCompletion(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (e.key === 'Tab' && !e.shiftKey) {
        e.preventDefault();
        accept(Math.max(0, s.completionActive));
        return;
      }
      if (e.key === 'Enter' && s.completionActive >= 0) {
        e.preventDefault();
        accept(s.completionActive);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        s.closeCompletion();
        return;
      }
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      s.closeCompletion();
      s.endHistoryWalk();
      s.runQuery();
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.altKey && !e.shiftKey) {
      if (walkHistory(e.key === 'ArrowUp' ? 'back' : 'forward')) e.preventDefault();
    }
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const s = useAppStore.getState();
    s.setQueryText(e.target.value);
    s.endHistoryWalk();
    s.updateCompletion(e.target.value, e.target.selectionStart ?? e.target.value.length);
  };

  return { onKeyDown, onChange, accept };
}
