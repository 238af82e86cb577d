/** The integrity hashes (docs/design.md §3): raw event, batch, and the per-tenant chain. */
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A batch hash covers its events' raw hashes in insertion (id) order and, when recorded, the
 * normaliser that derived their columns: clearing or changing that name breaks the chain, so it
 * cannot be used to skip the re-derivation check (store/verify.ts).
 */
export function batchHash(rawHashes: readonly string[], normalizer: string | null = null): string {
  const hash = createHash('sha256');
  // A hex hash line can never read "normalizer …", so the name cannot pose as an event.
  if (normalizer !== null) hash.update(`normalizer ${normalizer}\n`);
  for (const h of rawHashes) hash.update(h).update('\n');
  return hash.digest('hex');
}

/** chain_i = sha256(chain_{i-1} ‖ batch hash); the first link has an empty predecessor. */
export function chainLink(previous: string | null, batch: string): string {
  return createHash('sha256').update(previous ?? '').update('|').update(batch).digest('hex');
}
