/**
 * Page-side clock for the UI bench (test/bench/ui.ts), installed with addInitScript; a string, so
 * the node typecheck sees no DOM names. Every time is the page's own performance.now():
 * - arm(): the next keydown, input or change event the page receives starts the clock (t0), so a
 *   figure starts when the page gets the user's action, not when Playwright sends it;
 * - waitFor(spec): resolves when the rows the spec names are on screen: checked in each
 *   requestAnimationFrame (the frame that paints them), stamped by a message posted from it
 *   (which runs after that frame's paint). A spec already met before the action is an error, so
 *   a figure can never be zero by accident;
 * - load: waitFor({ kind: 'any' }) from navigation start (performance.now() counts from it);
 * - startFrames()/stopFrames(): requestAnimationFrame deltas and long tasks (> 50 ms) between them.
 */
export const PAINT_PROBE = `(() => {
  const b = (window.__bench = { t0: null, armed: false });
  for (const type of ['keydown', 'input', 'change']) {
    document.addEventListener(type, () => { if (b.armed && b.t0 === null) b.t0 = performance.now(); }, true);
  }
  b.arm = () => { b.armed = true; b.t0 = null; };
  const grid = () => document.getElementById('event-grid');
  const inView = (g, el) => {
    const a = g.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.bottom > a.top + 1 && r.top < a.bottom - 1;
  };
  const fullyInView = (g, el) => {
    const a = g.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= a.top - 1 && r.bottom <= a.bottom + 1;
  };
  /** Rows in view, none of them a placeholder still waiting for its data. */
  const settled = (g) =>
    [...g.querySelectorAll('[data-testid="pending-row"]')].every((el) => !inView(g, el)) &&
    [...g.querySelectorAll('[data-testid="event-row"]')].some((el) => fullyInView(g, el));
  b.visibleIndexes = () => {
    const g = grid();
    if (!g) return [];
    return [...g.querySelectorAll('[data-testid="event-row"]')]
      .filter((el) => fullyInView(g, el))
      .map((el) => Number(el.getAttribute('aria-rowindex')) - 2)
      .sort((x, y) => x - y);
  };
  const met = (spec) => {
    const g = grid();
    if (!g) return false;
    if (spec.kind === 'any') return g.querySelector('[data-testid="event-row"]') !== null;
    if (spec.kind === 'settled') return settled(g);
    const row = g.querySelector('[data-testid="event-row"][aria-rowindex="' + (spec.index + 2) + '"]');
    if (!row || !fullyInView(g, row)) return false;
    if (spec.id !== undefined && row.getAttribute('data-event-id') !== String(spec.id)) return false;
    return settled(g);
  };
  b.waitFor = (spec, timeoutMs = 60000) => new Promise((resolve, reject) => {
    if (spec.kind !== 'settled' && met(spec)) {
      reject(new Error('already on screen before the action: ' + JSON.stringify(spec)));
      return;
    }
    const started = performance.now();
    const tick = () => {
      if (met(spec)) {
        const frame = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          b.armed = false;
          resolve({ t0: b.t0, frame, painted: performance.now() });
        };
        channel.port2.postMessage(0);
        return;
      }
      if (performance.now() - started > timeoutMs) reject(new Error('not on screen after ' + timeoutMs + ' ms: ' + JSON.stringify(spec)));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  /** Scrolls the table to a fraction of its height; the rows there, and the time until they were painted. */
  b.scrollTo = async (fraction) => {
    const g = grid();
    const t0 = performance.now();
    g.scrollTop = (g.scrollHeight - g.clientHeight) * fraction;
    // Two frames first, so the scroll has been handled before the rows in view are judged.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const { painted } = await b.waitFor({ kind: 'settled' });
    return { indexes: b.visibleIndexes(), ms: painted - t0 };
  };
  /** Resolves once the count on screen is the given one and the histogram is no longer loading. */
  b.quiet = (count, timeoutMs = 60000) => new Promise((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      const shown = document.querySelector('[data-testid="total-count"]')?.getAttribute('data-count');
      const chart = document.querySelector('[data-testid="histogram"]')?.getAttribute('data-status');
      if (shown === String(count) && chart !== 'loading') resolve(performance.now() - started);
      else if (performance.now() - started > timeoutMs) reject(new Error('count ' + shown + ', not ' + count + ', after ' + timeoutMs + ' ms'));
      else setTimeout(check, 20);
    };
    check();
  });
  b.startFrames = () => {
    b.recording = true;
    b.frameDeltas = b.frameDeltas || [];
    let last = null;
    const f = (t) => {
      if (!b.recording) return;
      if (last !== null) b.frameDeltas.push(t - last);
      last = t;
      requestAnimationFrame(f);
    };
    requestAnimationFrame(f);
  };
  b.stopFrames = () => { b.recording = false; };
  b.takeFrames = () => { const d = b.frameDeltas || []; b.frameDeltas = []; return d; };
  // Main-thread tasks over 50 ms while frames are recorded: tells page work from compositor stalls.
  b.longTasks = [];
  try {
    new PerformanceObserver((list) => {
      if (b.recording) for (const e of list.getEntries()) b.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  } catch {}
  b.takeLongTasks = () => { const d = b.longTasks; b.longTasks = []; return d; };
  b.domNodes = () => document.getElementsByTagName('*').length;
  /** The API call alone, from the page: the baseline under every "rows painted" figure. */
  b.api = async (name, input, token) => {
    const t = performance.now();
    const res = await fetch('/api/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trailkeeper-token': token },
      body: JSON.stringify(input),
    });
    await res.json();
    if (!res.ok) throw new Error(name + ' answered ' + res.status);
    return performance.now() - t;
  };
  b.load = b.waitFor({ kind: 'any' });
  b.load.catch(() => {});
})();`;
