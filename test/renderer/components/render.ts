/** Renders a React element into a happy-dom container and waits for its effects (React's act). */
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// Tells React that updates are wrapped in act(), so it flushes them before act returns.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = { container: HTMLElement; rerender(element: ReactElement): Promise<void>; unmount(): Promise<void> };

export async function render(element: ReactElement): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(element);
  });
  return {
    container,
    rerender: (next) => act(async () => root!.render(next)),
    unmount: async () => {
      await act(async () => root!.unmount());
      container.remove();
    },
  };
}

export const byTestId = (container: HTMLElement, id: string): HTMLElement | null =>
  container.querySelector(`[data-testid="${id}"]`);
