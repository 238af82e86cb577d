/** Wildcards in field values: `*` any run, `?` one character, compiled to LIKE … ESCAPE '\'. */

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** A LIKE pattern matching `text` with its wildcards; literal `%`, `_` and `\` are escaped. */
export function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&').replace(/\*/g, '%').replace(/\?/g, '_');
}
