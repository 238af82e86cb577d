/**
 * What each imported file did: its counts, then the rejected records' sentences (each names its
 * line) and how many more were rejected than the samples show. Both Import dialogs show it: the
 * browser upload for its one file, the desktop import for each file it read.
 */
import { Fragment } from 'react';
import type { ImportSummary } from '../../../common/contract.ts';
import { formatCount } from '../format/count.ts';

export function ImportSummaryList({ summaries }: { summaries: readonly ImportSummary[] }) {
  return summaries.map((s) => (
    <Fragment key={s.fileName}>
      <p>
        {s.fileName}: {formatCount(s.added)} added, {formatCount(s.duplicates)} already there, {formatCount(s.rejected)} rejected.
      </p>
      {s.rejectedSamples.length > 0 && (
        <ul className="import-problems">
          {s.rejectedSamples.map((p, i) => (
            <li key={i} data-line={p.line}>
              {p.message}
            </li>
          ))}
          {s.rejected > s.rejectedSamples.length && <li className="muted">and {formatCount(s.rejected - s.rejectedSamples.length)} more</li>}
        </ul>
      )}
    </Fragment>
  ));
}
