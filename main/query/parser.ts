/**
 * Recursive-descent parser: query text → AST. Precedence NOT > AND > OR; adjacent terms are
 * AND-ed. `field:( … )` is expanded here into terms of that field, so the AST has no value groups.
 * Field names are resolved here so errors come out left to right; values are checked by the
 * compiler (dates, CIDR, ids), which knows what each field needs.
 */
import { QUERY_LIMITS } from './cost.ts';
import { QuerySyntaxError } from './errors.ts';
import { EXISTS_FIELD, lookupField, unknownFieldMessage, type FieldDef } from './fields.ts';
import { Lexer, type LexMode, type Op, type Token } from './lexer.ts';

export interface Value {
  text: string;
  /** Quoted values are literal: no wildcards, no prefix search. */
  quoted: boolean;
  /** Column of the value's first character (the opening quote when quoted). */
  col: number;
}

export type Ast =
  | { kind: 'and' | 'or'; items: Ast[] }
  | { kind: 'not'; item: Ast }
  | { kind: 'field'; field: FieldDef; op: Op; value: Value }
  | { kind: 'exists'; field: FieldDef; col: number }
  | { kind: 'text'; value: Value };

/** Parentheses plus NOTs; deeper input is refused before it can exhaust a stack or SQLite. */
export const MAX_NESTING = 32;
/** Terms per query (main/query/cost.ts says why this many); counted here, where each term's column is known. */
export const MAX_TERMS = QUERY_LIMITS.terms;

/** Null for an empty or blank query. Throws QuerySyntaxError. */
export function parseQuery(text: string): Ast | null {
  if (text.trim() === '') return null;
  return new Parser(text).parse();
}

/** Inside `field:( … )`: how each value becomes a term. */
type ValueCtx = (value: Value) => Ast;

const startsTerm = (t: Token): boolean =>
  t.kind === 'not' || t.kind === 'lparen' || t.kind === 'word' || t.kind === 'quoted' || t.kind === 'field';

function combine(kind: 'and' | 'or', items: Ast[]): Ast {
  const flat = items.flatMap((i) => (i.kind === kind ? i.items : [i]));
  return flat.length === 1 && flat[0] ? flat[0] : { kind, items: flat };
}

class Parser {
  private readonly lx: Lexer;
  private depth = 0;
  private terms = 0;

  constructor(text: string) {
    this.lx = new Lexer(text);
  }

  parse(): Ast {
    const ast = this.or(null);
    const t = this.lx.peek('query');
    if (t.kind === 'rparen') throw new QuerySyntaxError("Unmatched ')': remove it or add a '(' before it.", t.col);
    if (t.kind !== 'eof') throw new QuerySyntaxError('Unexpected text.', t.col);
    return ast;
  }

  private mode(ctx: ValueCtx | null): LexMode {
    return ctx ? 'values' : 'query';
  }

  private or(ctx: ValueCtx | null): Ast {
    const items = [this.and(ctx)];
    for (;;) {
      const t = this.lx.peek(this.mode(ctx));
      if (t.kind !== 'or') break;
      this.lx.next(this.mode(ctx));
      this.expectTerm('OR', ctx);
      items.push(this.and(ctx));
    }
    return combine('or', items);
  }

  private and(ctx: ValueCtx | null): Ast {
    const items = [this.unary(ctx)];
    for (;;) {
      const t = this.lx.peek(this.mode(ctx));
      if (t.kind === 'and') {
        this.lx.next(this.mode(ctx));
        this.expectTerm('AND', ctx);
      } else if (!startsTerm(t)) {
        break;
      }
      items.push(this.unary(ctx));
    }
    return combine('and', items);
  }

  private unary(ctx: ValueCtx | null): Ast {
    const t = this.lx.peek(this.mode(ctx));
    if (t.kind !== 'not') return this.primary(ctx);
    this.lx.next(this.mode(ctx));
    this.enter(t);
    this.expectTerm(this.lx.src[t.col - 1] === '-' ? "'-'" : 'NOT', ctx);
    const item = this.unary(ctx);
    this.depth--;
    return { kind: 'not', item };
  }

  private primary(ctx: ValueCtx | null): Ast {
    const t = this.lx.next(this.mode(ctx));
    switch (t.kind) {
      case 'lparen':
        return this.group(t, ctx);
      case 'word':
      case 'quoted':
        return ctx ? ctx(this.value(t)) : this.text(t);
      case 'field':
        return this.fieldTerm(t);
      case 'rparen':
        throw new QuerySyntaxError("Unmatched ')': remove it or add a '(' before it.", t.col);
      case 'and':
      case 'or':
        throw new QuerySyntaxError(`${t.kind.toUpperCase()} needs a term on its left.`, t.col);
      default:
        throw new QuerySyntaxError('Expected a term here.', t.col);
    }
  }

  private group(open: Token, ctx: ValueCtx | null): Ast {
    this.enter(open);
    const first = this.lx.peek(this.mode(ctx));
    if (first.kind === 'rparen') throw new QuerySyntaxError('Empty parentheses: put a term inside or remove them.', open.col);
    if (first.kind === 'eof') throw new QuerySyntaxError("Unclosed '(': add a ')'.", open.col);
    const inner = this.or(ctx);
    const close = this.lx.next(this.mode(ctx));
    if (close.kind !== 'rparen') throw new QuerySyntaxError("Unclosed '(': add a ')'.", open.col);
    this.depth--;
    return inner;
  }

  private fieldTerm(t: Extract<Token, { kind: 'field' }>): Ast {
    const isExists = t.name.toLowerCase() === EXISTS_FIELD;
    const field = isExists ? undefined : lookupField(t.name);
    if (!isExists && !field) throw new QuerySyntaxError(unknownFieldMessage(t.name), t.col);
    const comparable = field?.kind === 'ts' || field?.kind === 'id';
    if (t.op !== ':' && !comparable) {
      throw new QuerySyntaxError(`'${t.op}' only works with ts and id; use '${t.name}:value'.`, t.opCol);
    }
    const v = this.lx.nextValue();
    if (!v) throw new QuerySyntaxError(`Empty value: put a value right after '${t.name}${t.op}' (no space).`, t.end + 1);
    const leaf: ValueCtx = field
      ? (value) => ({ kind: 'field', field, op: t.op, value })
      : (value) => this.exists(value);
    if (v.kind === 'lparen') return this.group(v, leaf);
    if (v.kind === 'word' || v.kind === 'quoted') return leaf(this.value(v));
    throw new QuerySyntaxError('Expected a value here.', v.col);
  }

  private exists(value: Value): Ast {
    const field = lookupField(value.text);
    if (!field) throw new QuerySyntaxError(unknownFieldMessage(value.text, false), value.col);
    return { kind: 'exists', field, col: value.col };
  }

  private text(t: Token): Ast {
    return { kind: 'text', value: this.value(t) };
  }

  /** A field value or a free-text term; each counts toward MAX_TERMS. */
  private value(t: Token): Value {
    if (t.kind !== 'word' && t.kind !== 'quoted') throw new QuerySyntaxError('Expected a value here.', t.col);
    if (t.text === '') throw new QuerySyntaxError('Empty value: put something between the quotes.', t.col);
    if (++this.terms > MAX_TERMS) throw new QuerySyntaxError(`Too many terms: at most ${MAX_TERMS} in one query.`, t.col);
    return { text: t.text, quoted: t.kind === 'quoted', col: t.col };
  }

  /** The next token must start a term; `after` names what needed it (AND, OR, NOT, '-'). */
  private expectTerm(after: string, ctx: ValueCtx | null): void {
    const t = this.lx.peek(this.mode(ctx));
    if (!startsTerm(t)) throw new QuerySyntaxError(`Expected a term after ${after}.`, t.col);
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_NESTING) {
      throw new QuerySyntaxError(`Too deeply nested (more than ${MAX_NESTING} levels of parentheses and NOT).`, t.col);
    }
  }
}
