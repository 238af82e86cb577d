/** What a format reader hands on: a record with its raw text, or a problem at a line. */
export interface RecordPiece {
  line: number;
  /** The record exactly as received. */
  raw: string;
  /** Its parsed JSON; undefined for syslog, whose normaliser parses the raw text. */
  obj: unknown;
  /** Approximate bytes, for the batch budget. */
  bytes: number;
  /** How a sentence names the record when it is not "Line N": "Element 3 of the array (line 12)". */
  label?: string;
}

export interface ProblemPiece {
  line: number;
  problem: string;
}

export type Piece = RecordPiece | ProblemPiece;

export function isProblem(piece: Piece): piece is ProblemPiece {
  return 'problem' in piece;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A line past the splitter's limit is skipped and reported, never parsed. */
export function overlongLine(line: number): ProblemPiece {
  return { line, problem: `Line ${line} is longer than 64 MiB and was skipped.` };
}

/** How a sentence names a record. */
export function recordLabel(piece: RecordPiece): string {
  return piece.label ?? `Line ${piece.line}`;
}
