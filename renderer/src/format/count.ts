/** Grouped digits regardless of the viewer's locale, so figures read the same in every report. */
const formatter = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return formatter.format(n);
}
