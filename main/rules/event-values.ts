/** A field's first scalar value in a parsed event, as text (for correlation group-by and fields). */
export function firstValue(event: unknown, field: string): string | null {
  let node: unknown = event;
  for (const seg of field.split('.')) {
    if (Array.isArray(node)) node = node.find((el) => el && typeof el === 'object' && !Array.isArray(el) && seg in el);
    if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
    node = (node as Record<string, unknown>)[seg];
  }
  if (Array.isArray(node)) node = node.find((v) => ['string', 'number', 'boolean'].includes(typeof v));
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  return null;
}
