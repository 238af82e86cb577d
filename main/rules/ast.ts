/**
 * What a Sigma detection means, independent of SQL: the compiler (sql.ts) and any other
 * evaluator read this tree. Field paths are segment lists inside the raw event as received.
 */

/** A value pattern: literal text and Sigma wildcards (`*` any run, `?` one character). */
export type Piece = { lit: string } | { wild: '*' | '?' };

export type ValueTest =
  | { t: 'pattern'; pieces: Piece[]; cased: boolean }
  | { t: 're'; source: string; flags: string }
  | { t: 'cidr'; cidr: string }
  | { t: 'num'; op: '<' | '<=' | '>' | '>='; value: number };

export type Cond =
  | { k: 'and'; items: Cond[] }
  | { k: 'or'; items: Cond[] }
  | { k: 'not'; item: Cond }
  | { k: 'const'; value: boolean }
  /** Some value of the field (see values-of-path in sql.ts) passes any of the tests. */
  | { k: 'value'; path: string[]; tests: ValueTest[] }
  /** The field is absent or JSON null at its direct path. */
  | { k: 'null'; path: string[] }
  | { k: 'exists'; path: string[] }
  /** Two fields' direct scalar values compared. */
  | { k: 'fieldref'; path: string[]; other: string[]; op: 'eq' | 'contains' | 'startswith' | 'endswith'; cased: boolean }
  /** The raw event text contains the pattern (case-insensitive). */
  | { k: 'keyword'; pieces: Piece[] };

/** A rule construct this engine does not implement; the rule is listed with this reason. */
export class UnsupportedRule extends Error {
  override readonly name = 'UnsupportedRule';
}

/** A rule that is not valid Sigma (bad YAML, missing detection, unknown identifier…). */
export class InvalidRule extends Error {
  override readonly name = 'InvalidRule';
}
