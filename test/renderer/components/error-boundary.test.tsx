/** A panel that throws while rendering is replaced by a note; its siblings stay, and a new key retries it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../../renderer/src/components/ErrorBoundary.tsx';
import { byTestId, render, type Rendered } from './render.ts';

function Panel({ fail }: { fail: boolean }) {
  if (fail) throw new RangeError('Invalid string length');
  return <div data-testid="panel">panel content</div>;
}

function Layout({ fail, eventId }: { fail: boolean; eventId: number }) {
  return (
    <div>
      <div data-testid="table">the table</div>
      <ErrorBoundary what="this event" resetKey={eventId}>
        <Panel fail={fail} />
      </ErrorBoundary>
    </div>
  );
}

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('replaces a panel that throws with a note, and keeps the rest of the screen', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    view = await render(<Layout fail eventId={1} />);
    expect(byTestId(view.container, 'table')?.textContent).toBe('the table');
    expect(byTestId(view.container, 'panel')).toBeNull();
    expect(byTestId(view.container, 'panel-error')?.textContent).toBe(
      'Trailkeeper could not show this event: Invalid string length. The rest of the window still works.',
    );
    expect(logged.mock.calls.some((args) => String(args[0]).includes('Trailkeeper could not show this event'))).toBe(true);
  });

  it('tries the panel again when its key changes', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    view = await render(<Layout fail eventId={1} />);
    await view.rerender(<Layout fail={false} eventId={1} />);
    expect(byTestId(view.container, 'panel-error')).not.toBeNull();
    await view.rerender(<Layout fail={false} eventId={2} />);
    expect(byTestId(view.container, 'panel-error')).toBeNull();
    expect(byTestId(view.container, 'panel')?.textContent).toBe('panel content');
  });
});
