/**
 * One Sigma search identifier (a map, a list of maps, or keywords) → a Cond. Modifiers are
 * read in order: transformations first (windash, base64, base64offset), then at most one
 * match type (contains/startswith/endswith/re/cidr/exists/gt…/fieldref), then all/cased/neq.
 * Anything else makes the rule unsupported, with the modifier named.
 */
import { InvalidRule, UnsupportedRule, type Cond, type Piece, type ValueTest } from './ast.ts';
import { base64, base64offset, hasWild, parsePieces, windash } from './values.ts';

const TRANSFORMS = new Set(['windash', 'base64', 'base64offset']);
const MATCH_TYPES = new Set(['contains', 'startswith', 'endswith', 're', 'cidr', 'exists', 'gt', 'gte', 'lt', 'lte']);
const FLAGS = new Set(['all', 'cased', 'neq', 'i', 'm', 's']);
const KNOWN_UNSUPPORTED: Record<string, string> = {
  utf16le: 'UTF-16 encodings cannot occur in JSON audit events',
  utf16be: 'UTF-16 encodings cannot occur in JSON audit events',
  utf16: 'UTF-16 encodings cannot occur in JSON audit events',
  wide: 'UTF-16 encodings cannot occur in JSON audit events',
  expand: 'placeholders need a processing pipeline that Trailkeeper does not have',
  minute: 'time modifiers are not implemented', hour: 'time modifiers are not implemented',
  day: 'time modifiers are not implemented', week: 'time modifiers are not implemented',
  month: 'time modifiers are not implemented', year: 'time modifiers are not implemented',
};

/** A field name → path segments. Keys holding a double quote cannot be written as a JSON path. */
export function fieldPath(name: string): string[] {
  if (name === '') throw new InvalidRule('a selection has an empty field name');
  if (name.includes('"')) throw new UnsupportedRule(`field name ${name} holds a double quote`);
  const segs = name.split('.');
  if (segs.some((s) => s === '')) throw new InvalidRule(`field name ${name} has an empty part`);
  return segs;
}

function scalarText(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  throw new InvalidRule(`${where}: a value must be text, a number, a boolean or null, not ${JSON.stringify(v)}`);
}

interface Mods {
  transforms: string[];
  type: string | null;
  all: boolean;
  cased: boolean;
  neq: boolean;
  fieldref: boolean;
  reFlags: string;
}

function readMods(key: string, mods: string[]): Mods {
  const m: Mods = { transforms: [], type: null, all: false, cased: false, neq: false, fieldref: false, reFlags: '' };
  for (const mod of mods) {
    if (mod in KNOWN_UNSUPPORTED) throw new UnsupportedRule(`modifier ${mod} in ${key}: ${KNOWN_UNSUPPORTED[mod]}`);
    if (TRANSFORMS.has(mod)) {
      if (m.type) throw new UnsupportedRule(`modifier ${mod} after ${m.type} in ${key}: transformations must come first`);
      m.transforms.push(mod);
    } else if (mod === 'fieldref') {
      m.fieldref = true;
    } else if (MATCH_TYPES.has(mod)) {
      if (m.type) throw new UnsupportedRule(`modifiers ${m.type} and ${mod} together in ${key}`);
      m.type = mod;
    } else if (FLAGS.has(mod)) {
      if ('ims'.includes(mod) && m.type !== 're') throw new InvalidRule(`modifier ${mod} in ${key} belongs after re`);
      if (mod === 'all') m.all = true;
      else if (mod === 'cased') m.cased = true;
      else if (mod === 'neq') m.neq = true;
      else m.reFlags += mod;
    } else throw new UnsupportedRule(`unknown modifier ${mod} in ${key}`);
  }
  if (m.fieldref && (m.transforms.length || (m.type && !['contains', 'startswith', 'endswith'].includes(m.type)))) {
    throw new UnsupportedRule(`fieldref with ${[...m.transforms, m.type].filter(Boolean).join('|')} in ${key}`);
  }
  if (m.transforms.length && m.type && !['contains', 'startswith', 'endswith'].includes(m.type)) {
    throw new UnsupportedRule(`modifiers ${m.transforms.join('|')} with ${m.type} in ${key}`);
  }
  return m;
}

function transformed(text: string, transforms: string[], key: string): string[] {
  let values = [text];
  for (const t of transforms) {
    if (t !== 'windash' && hasWild(parsePieces(text))) throw new UnsupportedRule(`${t} of a value with wildcards in ${key}`);
    values = values.flatMap((v) => (t === 'windash' ? windash(v) : t === 'base64' ? [base64(v)] : base64offset(v)));
  }
  return values;
}

function wrap(pieces: Piece[], type: string | null): Piece[] {
  if (type === 'contains') return [{ wild: '*' }, ...pieces, { wild: '*' }];
  if (type === 'startswith') return [...pieces, { wild: '*' }];
  if (type === 'endswith') return [{ wild: '*' }, ...pieces];
  return pieces;
}

function regexTest(source: string, flags: string, key: string): ValueTest {
  let src = source;
  let f = flags;
  // PCRE's leading inline flags, which JavaScript lacks before Node 23.
  const inline = /^\(\?([ims]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    f += inline[1];
  }
  f = [...new Set(f)].join('');
  try {
    new RegExp(src, f);
  } catch (e) {
    throw new UnsupportedRule(`regular expression in ${key} is not valid in JavaScript: ${(e as Error).message}`);
  }
  return { t: 're', source: src, flags: f };
}

/** One `field|mods: value(s)` entry → a Cond. */
export function fieldEntry(key: string, raw: unknown): Cond {
  const [name, ...mods] = key.split('|');
  const path = fieldPath(name!);
  const m = readMods(key, mods);
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) throw new InvalidRule(`${key} has an empty list of values`);
  if (m.type === 'exists') {
    if (values.length !== 1 || typeof values[0] !== 'boolean') throw new InvalidRule(`${key} takes true or false`);
    const c: Cond = { k: 'exists', path };
    return values[0] ? c : { k: 'not', item: c };
  }
  if (values.some((v) => v === null)) {
    if (values.length !== 1 || mods.length) throw new InvalidRule(`${key}: null stands alone, without modifiers or other values`);
    return { k: 'null', path };
  }
  if (m.fieldref) {
    const op = (m.type ?? 'eq') as 'eq' | 'contains' | 'startswith' | 'endswith';
    const items: Cond[] = values.map((v) => ({ k: 'fieldref', path, other: fieldPath(scalarText(v, key)), op, cased: m.cased }));
    return combine(items, m);
  }
  const perValue: Cond[] = values.map((v) => {
    const text = scalarText(v, key);
    let tests: ValueTest[];
    if (m.type === 're') tests = [regexTest(text, m.reFlags, key)];
    else if (m.type === 'cidr') tests = [{ t: 'cidr', cidr: text }];
    else if (m.type && ['gt', 'gte', 'lt', 'lte'].includes(m.type)) {
      const n = typeof v === 'number' ? v : Number(text);
      if (!Number.isFinite(n) || text.trim() === '') throw new InvalidRule(`${key} needs a number, not ${JSON.stringify(v)}`);
      const op = ({ gt: '>', gte: '>=', lt: '<', lte: '<=' } as const)[m.type as 'gt' | 'gte' | 'lt' | 'lte'];
      tests = [{ t: 'num', op, value: n }];
    } else {
      tests = transformed(text, m.transforms, key).map((t) => {
        const pieces = m.transforms.length ? [{ lit: t }] : parsePieces(t);
        return { t: 'pattern', pieces: wrap(pieces, m.type), cased: m.cased };
      });
    }
    return { k: 'value', path, tests };
  });
  return combine(perValue, m);
}

function combine(items: Cond[], m: Mods): Cond {
  if (m.neq) return { k: 'and', items: items.map((item) => ({ k: 'not', item })) };
  if (m.all) return items.length === 1 ? items[0]! : { k: 'and', items };
  if (items.length === 1) return items[0]!;
  // Values of one field in a list: any of them (merge their tests into one field lookup).
  if (items.every((c) => c.k === 'value')) {
    const first = items[0] as Extract<Cond, { k: 'value' }>;
    return { k: 'value', path: first.path, tests: items.flatMap((c) => (c as typeof first).tests) };
  }
  return { k: 'or', items };
}

function mapSelection(name: string, map: Record<string, unknown>): Cond {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new InvalidRule(`selection ${name} is empty`);
  const items = entries.map(([key, value]) => {
    if (key === '|all' || key.startsWith('|')) throw new UnsupportedRule(`keyword modifiers (${key}) in ${name}`);
    return fieldEntry(key, value);
  });
  return items.length === 1 ? items[0]! : { k: 'and', items };
}

function keywords(values: unknown[], name: string): Cond {
  const items: Cond[] = values.map((v) => ({ k: 'keyword', pieces: [{ wild: '*' }, ...parsePieces(scalarText(v, name)), { wild: '*' }] }));
  return items.length === 1 ? items[0]! : { k: 'or', items };
}

/** A search identifier's definition → Cond. */
export function selection(name: string, def: unknown): Cond {
  if (def === null || def === undefined) throw new InvalidRule(`selection ${name} is empty`);
  if (Array.isArray(def)) {
    if (def.length === 0) throw new InvalidRule(`selection ${name} is an empty list`);
    if (def.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d))) {
      const items = def.map((d) => mapSelection(name, d as Record<string, unknown>));
      return items.length === 1 ? items[0]! : { k: 'or', items };
    }
    if (def.some((d) => d !== null && typeof d === 'object')) throw new InvalidRule(`selection ${name} mixes maps and plain values`);
    return keywords(def, name);
  }
  if (typeof def === 'object') return mapSelection(name, def as Record<string, unknown>);
  return keywords([def], name);
}
