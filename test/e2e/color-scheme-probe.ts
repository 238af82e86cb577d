/**
 * Page-side probe for the light/dark check (a string, so the node typecheck sees no DOM types):
 * for each visible element matching a selector, its text colour, the opaque background behind it
 * (walking up to the first non-transparent one) and their WCAG contrast ratio.
 */
export const CONTRAST_PROBE = `(selectors) => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g) || []; return m.map(Number); };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const backgroundOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !(el.textContent || '').trim()) continue;
      const fg = lum(rgb(getComputedStyle(el).color));
      const bgRgb = backgroundOf(el);
      const bg = lum(bgRgb);
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      out.push({ selector, text: el.textContent.trim().slice(0, 30), background: bg, ratio: Math.round(ratio * 10) / 10 });
      break;
    }
  }
  return out;
}`;
