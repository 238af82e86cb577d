/**
 * Finds the elements of a JSON array in a stream of text without parsing the whole document:
 * each element comes out as its exact source text (so `raw` is the bytes received) with the
 * line it starts on. Two shapes: a top-level array `[{…}, …]`, and CloudTrail's
 * `{"Records": [{…}, …]}` where only the `Records` array is read and other keys are skipped.
 * Several documents may follow each other (concatenated or one per line).
 */

export interface ScannedElement {
  text: string;
  line: number;
  /** Set instead of text when something between documents is not JSON. */
  problem?: string;
}

export type ScanMode = 'array' | 'records';

const OPEN_OBJ = 0x7b; // {
const CLOSE_OBJ = 0x7d; // }
const OPEN_ARR = 0x5b; // [
const CLOSE_ARR = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LF = 0x0a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === LF || c === 0x0d || c === 0x09;
}

export class JsonArrayScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  /** Depth inside the array whose elements we want; -1 until it opens, -2 after it closes. */
  private targetDepth = -1;
  private started = false;
  private sawTarget = false;
  /** Skipping text between documents that is not JSON, until the next document opens. */
  private junk = false;
  // Element capture.
  private capturing = false;
  private captureLine = 0;
  private captureParts: string[] = [];
  private primitive = false;
  // Key tracking at depth 1 (records mode).
  private keyParts: string[] | null = null;
  private lastString = '';
  private currentKey = '';
  private readonly mode: ScanMode;
  private readonly opener: number;

  constructor(mode: ScanMode) {
    this.mode = mode;
    this.opener = mode === 'array' ? OPEN_ARR : OPEN_OBJ;
  }

  /** The line the scanner has reached. */
  get lineNumber(): number {
    return this.line;
  }

  /** Feeds the next piece of text; returns the elements completed within it. */
  push(chunk: string): ScannedElement[] {
    const out: ScannedElement[] = [];
    let captureFrom = this.capturing ? 0 : -1;
    let keyFrom = this.keyParts !== null ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === LF) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyParts !== null) {
            this.keyParts.push(chunk.slice(keyFrom, i));
            this.lastString = this.keyParts.join('');
            this.keyParts = null;
            keyFrom = -1;
          }
          if (this.capturing && this.primitive) {
            out.push(this.endCapture(chunk, captureFrom, i + 1));
            captureFrom = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) {
        if (this.capturing && this.primitive) {
          out.push(this.endCapture(chunk, captureFrom, i));
          captureFrom = -1;
        }
        continue;
      }
      if (this.depth === 0) {
        // Between documents: only the opening of the next one is expected.
        if (c !== this.opener) {
          if (!this.junk) {
            const expected = this.mode === 'array' ? '[' : '{';
            out.push({ text: '', line: this.line, problem: `Line ${this.line} holds "${chunk[i]}" where a JSON document starting with "${expected}" was expected; text up to the next "${expected}" was skipped.` });
            this.junk = true;
          }
          continue;
        }
        this.junk = false;
        this.started = true;
        this.targetDepth = this.mode === 'array' ? 1 : -1;
        this.currentKey = '';
      }
      const atTarget = this.depth === this.targetDepth;
      if (atTarget && !this.capturing && c !== COMMA && c !== CLOSE_ARR) {
        this.capturing = true;
        this.captureLine = this.line;
        this.captureParts = [];
        captureFrom = i;
        this.primitive = c !== OPEN_OBJ && c !== OPEN_ARR;
      } else if (this.capturing && this.primitive && atTarget && (c === COMMA || c === CLOSE_ARR)) {
        out.push(this.endCapture(chunk, captureFrom, i));
        captureFrom = -1;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.mode === 'records' && this.depth === 1 && !this.capturing) {
          this.keyParts = [];
          keyFrom = i + 1;
        }
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (this.mode === 'records' && this.depth === 1 && c === OPEN_ARR && this.currentKey === 'Records' && this.targetDepth === -1) {
          this.targetDepth = 2;
          this.sawTarget = true;
        }
        if (this.mode === 'array' && this.depth === 0) this.sawTarget = true;
        this.depth++;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        this.depth--;
        if (this.capturing && !this.primitive && this.depth === this.targetDepth) {
          out.push(this.endCapture(chunk, captureFrom, i + 1));
          captureFrom = -1;
        } else if (this.depth === this.targetDepth - 1 && c === CLOSE_ARR && this.targetDepth > 0) {
          this.targetDepth = -2;
        }
      } else if (c === COLON && this.depth === 1 && this.mode === 'records') {
        this.currentKey = this.lastString;
      }
    }
    if (this.capturing && captureFrom !== -1) this.captureParts.push(chunk.slice(captureFrom));
    if (this.keyParts !== null && keyFrom !== -1) this.keyParts.push(chunk.slice(keyFrom));
    return out;
  }

  /** Describes what is left unfinished at the end of input, or null when the documents closed cleanly. */
  end(): string | null {
    if (this.capturing) return `The file ends inside the element that starts on line ${this.captureLine} (truncated?).`;
    if (!this.started) return null;
    if (!this.sawTarget) return this.mode === 'records' ? 'The file has no "Records" array.' : 'The file has no JSON array.';
    if (this.depth > 0) return 'The file ends before the JSON document is closed (truncated?).';
    return null;
  }

  private endCapture(chunk: string, from: number, to: number): ScannedElement {
    this.captureParts.push(chunk.slice(from, to));
    const text = this.captureParts.join('');
    this.capturing = false;
    this.captureParts = [];
    this.primitive = false;
    return { text, line: this.captureLine };
  }
}
