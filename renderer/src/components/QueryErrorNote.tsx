/**
 * A query syntax error: the API's sentence, and the query with a caret under the column it
 * failed at. Columns from the API are 1-based.
 */
import type { QueryError } from '../state/resultsSlice.ts';

type Props = { id: string; error: QueryError };

export function QueryErrorNote({ id, error }: Props) {
  const index = error.column === null ? null : Math.min(Math.max(0, error.column - 1), error.query.length);
  return (
    <div id={id} className="query-error" data-testid="query-error" role="alert" data-column={error.column ?? undefined}>
      <div className="query-error-message">{error.message}</div>
      {index !== null && (
        <pre className="query-error-pointer" aria-hidden="true">
          {error.query}
          {'\n'}
          {' '.repeat(index)}^
        </pre>
      )}
    </div>
  );
}
