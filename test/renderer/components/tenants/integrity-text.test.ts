/** The integrity verdict's sentences: everything checked, a break named once by tenant, batch and event, and a stop. */
import { describe, expect, it } from 'vitest';
import { integrityProgressText, integrityResultText } from '../../../../renderer/src/components/tenants/integrityText.ts';
import { job, verdict } from './tenants-harness.ts';

const tenants = [{ id: 3, name: 'Initech' }];

describe('integrity sentences', () => {
  it('says every batch and event was checked, and how many only by raw hash', () => {
    expect(integrityResultText(job({ state: 'done', result: verdict({ batchesChecked: 1, eventsChecked: 1 }) }), tenants)).toBe('All 1 batch and 1 event checked: no break found.');
    expect(integrityResultText(job({ state: 'done', result: verdict({ batchesChecked: 12_000, eventsChecked: 1_234_567, eventsNotRederived: 20 }) }), tenants)).toBe(
      'All 12,000 batches and 1,234,567 events checked: no break found (20 of them by raw hash only: no normaliser to re-derive their columns).',
    );
  });

  it('names a batch break without an event, and keeps a detail that does not repeat the name', () => {
    const batchBreak = { tenantId: 3, kind: 'batch' as const, eventId: null, batchId: 9, detail: 'batch 9: the hash chain breaks here' };
    expect(integrityResultText(job({ state: 'done', result: verdict({ ok: false, firstBreak: batchBreak }) }), tenants)).toBe('First break in Initech, batch 9: the hash chain breaks here.');
    const stray = { tenantId: 4, kind: 'event' as const, eventId: 50, batchId: null, detail: 'event 50 belongs to no recorded batch (added outside Trailkeeper)' };
    expect(integrityResultText(job({ state: 'done', result: verdict({ ok: false, firstBreak: stray }) }), tenants)).toBe(
      'First break in tenant 4, event 50: event 50 belongs to no recorded batch (added outside Trailkeeper).',
    );
  });

  it('gives the reason a check stopped, and nothing while it runs', () => {
    expect(integrityResultText(job({ state: 'failed', error: 'The workspace is closed.' }), tenants)).toBe('The workspace is closed.');
    expect(integrityResultText(job({}), tenants)).toBeNull();
    expect(integrityProgressText(job({ batchesDone: 2, eventsDone: 1_000 }))).toBe('Checked 2 of 4 batches and 1,000 of 1,400 events…');
  });
});
