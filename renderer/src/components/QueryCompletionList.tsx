/** The query box's suggestions as an ARIA listbox under it; a click takes one (mouse down, so the box keeps focus). */
import type { CompletionItem } from '../format/queryCompletion.ts';
import './QueryCompletionList.css';

export const COMPLETION_LIST_ID = 'query-completions';
export const completionOptionId = (index: number) => `query-completion-${index}`;

type Props = { items: CompletionItem[]; active: number; onPick: (index: number) => void };

export function QueryCompletionList({ items, active, onPick }: Props) {
  return (
    <ul id={COMPLETION_LIST_ID} className="query-completions" role="listbox" aria-label="Suggestions" data-testid="query-completions">
      {items.map((item, i) => (
        <li
          key={`${item.insert}-${i}`}
          id={completionOptionId(i)}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          data-testid="query-completion"
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(i);
          }}
        >
          <span className="mono">{item.label}</span>
          <span className="muted">{item.detail}</span>
        </li>
      ))}
    </ul>
  );
}
