/**
 * The inspector's JSON viewer (both tabs) refuses what it cannot show comfortably: a text nested
 * 100,000 deep or larger than the limit gets a note and the start of its text instead of the
 * Monaco editor; anything else goes to the editor under the test id its tab gave it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonViewer, REFUSED_PREVIEW_CHARS } from '../../../renderer/src/components/JsonViewer.tsx';
import { byTestId, render, type Rendered } from './render.ts';

// Monaco itself is not loaded here: the editor stays "loading", which is all these tests need.
vi.mock('../../../renderer/src/monaco/loadRawViewer.ts', () => ({ loadRawViewer: () => new Promise(() => undefined) }));

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

const RAW_HINT = 'Copy raw copies its exact text.';

describe('JsonViewer', () => {
  it('shows a note and the start of the text for an event nested 100,000 deep, not the editor', async () => {
    const raw = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    view = await render(<JsonViewer text={raw} testId="raw-editor" copyHint={RAW_HINT} />);
    const note = byTestId(view.container, 'raw-refused');
    expect(note?.textContent).toBe(
      'This event is too deeply nested to display: it goes more than 256 levels deep. Copy raw copies its exact text.' +
        ' Below: its first 10,000 characters.',
    );
    expect(byTestId(view.container, 'raw-preview')?.textContent).toBe(raw.slice(0, REFUSED_PREVIEW_CHARS) + '…');
    expect(byTestId(view.container, 'raw-editor')).toBeNull();
  });

  it('shows a note for an event larger than the viewer limit, naming the button that copies it', async () => {
    const text = JSON.stringify({ blob: 'x'.repeat(1_100_000) });
    view = await render(<JsonViewer text={text} testId="normalised-editor" copyHint="Copy normalised copies all of it." />);
    expect(byTestId(view.container, 'raw-refused')?.textContent).toContain(
      `This event is too large to display: its raw text is ${text.length.toLocaleString('en-US')} characters, and the viewer shows up to 1,048,576. Copy normalised copies all of it.`,
    );
    expect(byTestId(view.container, 'normalised-editor')).toBeNull();
  });

  it('gives an ordinary text to the editor under its tab\'s test id, with the text shown until the editor has loaded', async () => {
    const raw = '{"action":"user.session.start","n":12345678901234567890}';
    view = await render(<JsonViewer text={raw} testId="raw-editor" copyHint={RAW_HINT} />);
    expect(byTestId(view.container, 'raw-refused')).toBeNull();
    expect(byTestId(view.container, 'raw-editor')).not.toBeNull();
    expect(view.container.querySelector('.raw-fallback')?.textContent).toBe(raw);
    await view.unmount();
    const normalised = JSON.stringify({ id: 7, action: 'user.session.start' }, null, 2);
    view = await render(<JsonViewer text={normalised} testId="normalised-editor" copyHint="Copy normalised copies all of it." />);
    expect(byTestId(view.container, 'normalised-editor')).not.toBeNull();
    expect(byTestId(view.container, 'raw-editor')).toBeNull();
    expect(view.container.querySelector('.raw-fallback')?.textContent).toBe(normalised);
  });
});
