/**
 * Resolves once the browser has painted the frame after this call: the rows just set are on
 * screen before the work that follows it starts (count, histogram, field values), so that work
 * does not compete with their paint for the machine's cores (docs/design.md §4, §7).
 */

/** A hidden window paints no frames: past this, the work starts anyway. */
export const PAINT_WAIT_LIMIT_MS = 250;

export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const limit = setTimeout(resolve, PAINT_WAIT_LIMIT_MS);
    if (typeof requestAnimationFrame !== 'function') return;
    // A frame callback runs before that frame's paint; a task queued from it runs after it.
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(limit);
        resolve();
      }, 0),
    );
  });
}
