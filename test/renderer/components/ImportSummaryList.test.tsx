/**
 * The import summary both Import dialogs show: each file's counts, its rejected records' sentences
 * with their line numbers, and how many more were rejected than the samples show.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../common/contract.ts';
import { ImportSummaryList } from '../../../renderer/src/components/ImportSummaryList.tsx';
import { render, type Rendered } from './render.ts';

const summary = (fileName: string, rest: Partial<ImportSummary>): ImportSummary => ({
  tenantId: 1,
  fileName,
  bytes: 100,
  added: 0,
  duplicates: 0,
  rejected: 0,
  rejectedSamples: [],
  tookMs: 1,
  ...rest,
});

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('ImportSummaryList', () => {
  it('gives each file its counts, and the rejected samples by line with the count beyond them', async () => {
    view = await render(
      <div>
        <ImportSummaryList
          summaries={[
            summary('a.jsonl', { added: 12_345, duplicates: 3, rejected: 4, rejectedSamples: [{ line: 7, message: 'Line 7 is not valid JSON.' }, { line: 9, message: 'Line 9 has no time.' }] }),
            summary('b.csv', { added: 5 }),
          ]}
        />
      </div>,
    );
    const paragraphs = [...view.container.querySelectorAll('p')].map((p) => p.textContent);
    expect(paragraphs).toEqual(['a.jsonl: 12,345 added, 3 already there, 4 rejected.', 'b.csv: 5 added, 0 already there, 0 rejected.']);
    const lists = view.container.querySelectorAll('ul.import-problems');
    expect(lists).toHaveLength(1); // b.csv rejected nothing: no list
    const items = [...lists[0]!.querySelectorAll('li')];
    expect(items.map((li) => li.textContent)).toEqual(['Line 7 is not valid JSON.', 'Line 9 has no time.', 'and 2 more']);
    expect(items.map((li) => li.dataset.line ?? null)).toEqual(['7', '9', null]);
  });

  it('says nothing more when the samples are every rejected record', async () => {
    view = await render(<div><ImportSummaryList summaries={[summary('c.log', { rejected: 1, rejectedSamples: [{ line: 2, message: 'Line 2 is empty.' }] })]} /></div>);
    expect([...view.container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Line 2 is empty.']);
  });
});
