/**
 * Sigma value text → pieces, and the transformation modifiers (windash, base64,
 * base64offset) that turn one value into several. Escapes per the spec: `\*`, `\?`, `\\`;
 * a backslash before any other character is itself.
 */
import { UnsupportedRule, type Piece } from './ast.ts';

export function parsePieces(text: string): Piece[] {
  const out: Piece[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && '*?\\'.includes(text[i + 1]!)) {
      lit += text[i + 1];
      i++;
    } else if (c === '*' || c === '?') {
      if (lit) out.push({ lit });
      lit = '';
      out.push({ wild: c });
    } else lit += c;
  }
  if (lit) out.push({ lit });
  return out;
}

export function hasWild(pieces: readonly Piece[]): boolean {
  return pieces.some((p) => 'wild' in p);
}

export function literalOf(pieces: readonly Piece[]): string {
  return pieces.map((p) => ('lit' in p ? p.lit : p.wild)).join('');
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
const MAX_WINDASH_SPOTS = 4;

/** pySigma's rule: a `-` or `/` with a non-word character (or the start) before and a word character after. */
export function windash(text: string): string[] {
  const spots: number[] = [];
  for (const m of text.matchAll(/\B[-/]\b/g)) spots.push(m.index);
  if (spots.length > MAX_WINDASH_SPOTS) {
    throw new UnsupportedRule(`windash on a value with ${spots.length} dashes would make ${DASHES.length ** spots.length} variants (at most ${MAX_WINDASH_SPOTS} dashes are supported)`);
  }
  let variants = [text];
  for (const at of spots) {
    variants = variants.flatMap((v) => DASHES.map((d) => v.slice(0, at) + d + v.slice(at + 1)));
  }
  return variants;
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The three shifts of a value inside a longer base64 text, as pySigma writes them. */
export function base64offset(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const starts = [0, 2, 3];
  const ends = [0, -3, -2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64');
    const end = ends[(bytes.length + i) % 3]!;
    out.push(encoded.slice(starts[i], end === 0 ? undefined : end));
  }
  return out;
}
