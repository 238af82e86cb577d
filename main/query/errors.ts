/** The one error a query can fail with: a sentence for people and the column to point at. */
export class QuerySyntaxError extends Error {
  /** 1-based column in the query text (input length + 1 when the query ended too early). */
  readonly column: number;

  constructor(message: string, column: number) {
    super(message);
    this.name = 'QuerySyntaxError';
    this.column = column;
  }
}
