/** ASCII-only lower case: SQLite's lower(), LIKE and NOCASE fold only A-Z, and so do we, to agree. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
