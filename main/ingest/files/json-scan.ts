/**
 * Finds the elements of a JSON array in a stream of text without parsing the whole document:
 * each element comes out as its exact source text (so `raw` is the bytes received) with the
 * line it starts on and its position. Three shapes: a top-level array `[{…}, …]`; an object
 * wrapping the array under a key, where only that array is read and other keys are skipped
 * (CloudTrail `{"Records": […]}`, `aws cloudtrail lookup-events` `{"Events": […]}`, Microsoft
 * Graph `{"value": […]}`); and top-level objects themselves (one pretty-printed event, or `jq`
 * output). Several documents may follow each other (concatenated or one per line).
 *
 * An element longer than `maxElementChars` (64 Mi characters by default, the NDJSON line bound)
 * is not kept in memory: it comes out as a problem naming its position, and scanning goes on.
 */
import { MAX_LINE_BYTES } from './lines.ts';

export interface ScannedElement {
  text: string;
  line: number;
  /** How a sentence names the element: "Element 3 of the array (line 12)". */
  label: string;
  /** Set instead of text when something between documents is not JSON, or the element is too large. */
  problem?: string;
}

/** 'array': `[…]`; 'documents': top-level objects; `{ key }`: the array under that key. */
export type ScanMode = 'array' | 'documents' | { key: string };

const OPEN_OBJ = 0x7b; // {
const CLOSE_OBJ = 0x7d; // }
const OPEN_ARR = 0x5b; // [
const CLOSE_ARR = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LF = 0x0a;
/** The keys that hold records are short; a longer string at depth 1 is never one of them. */
const MAX_KEY_CHARS = 256;

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
  private captureChars = 0;
  private captureIndex = 0;
  private oversized = false;
  private index = 0;
  private primitive = false;
  // Key tracking at depth 1 (records mode).
  private keyParts: string[] | null = null;
  /** Characters of the current depth-1 string; past MAX_KEY_CHARS it is no key we look for. */
  private keyChars = 0;
  private lastString = '';
  private currentKey = '';
  private readonly mode: 'array' | 'documents' | 'keyed';
  private readonly key: string;
  private readonly opener: number;
  private readonly maxElementChars: number;

  constructor(mode: ScanMode, maxElementChars = MAX_LINE_BYTES) {
    this.mode = typeof mode === 'string' ? mode : 'keyed';
    this.key = typeof mode === 'string' ? '' : mode.key;
    this.opener = mode === 'array' ? OPEN_ARR : OPEN_OBJ;
    this.maxElementChars = maxElementChars;
  }

  /** How sentences name the element at `index` starting on `line`. */
  label(index: number, line: number): string {
    if (this.mode === 'documents') return `The object on line ${line}`;
    return `Element ${index} of the ${this.mode === 'keyed' ? `"${this.key}" ` : ''}array (line ${line})`;
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
            this.keepKey(chunk.slice(keyFrom, i));
            this.lastString = this.keyChars > MAX_KEY_CHARS ? '' : this.keyParts.join('');
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
            out.push({ text: '', line: this.line, label: `Line ${this.line}`, problem: `Line ${this.line} holds "${chunk[i]}" where a JSON document starting with "${expected}" was expected; text up to the next "${expected}" was skipped.` });
            this.junk = true;
          }
          continue;
        }
        this.junk = false;
        this.started = true;
        this.targetDepth = this.mode === 'array' ? 1 : this.mode === 'documents' ? 0 : -1;
        this.currentKey = '';
        if (this.mode !== 'keyed') this.sawTarget = true;
        if (this.mode === 'array') this.index = 0;
      }
      const atTarget = this.depth === this.targetDepth;
      if (atTarget && !this.capturing && c !== COMMA && c !== CLOSE_ARR) {
        this.capturing = true;
        this.captureLine = this.line;
        this.captureParts = [];
        this.captureChars = 0;
        this.oversized = false;
        this.captureIndex = ++this.index;
        captureFrom = i;
        this.primitive = c !== OPEN_OBJ && c !== OPEN_ARR;
      } else if (this.capturing && this.primitive && atTarget && (c === COMMA || c === CLOSE_ARR)) {
        out.push(this.endCapture(chunk, captureFrom, i));
        captureFrom = -1;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.mode === 'keyed' && this.depth === 1 && !this.capturing) {
          this.keyParts = [];
          this.keyChars = 0;
          keyFrom = i + 1;
        }
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (this.mode === 'keyed' && this.depth === 1 && c === OPEN_ARR && this.currentKey === this.key && this.targetDepth === -1) {
          this.targetDepth = 2;
          this.sawTarget = true;
          this.index = 0;
        }
        this.depth++;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        this.depth--;
        if (this.capturing && !this.primitive && this.depth === this.targetDepth) {
          out.push(this.endCapture(chunk, captureFrom, i + 1));
          captureFrom = -1;
        } else if (this.depth === this.targetDepth - 1 && c === CLOSE_ARR && this.targetDepth > 0) {
          this.targetDepth = -2;
        }
      } else if (c === COLON && this.depth === 1 && this.mode === 'keyed') {
        this.currentKey = this.lastString;
      }
    }
    if (this.capturing && captureFrom !== -1) this.keep(chunk.slice(captureFrom));
    if (this.keyParts !== null && keyFrom !== -1) this.keepKey(chunk.slice(keyFrom));
    return out;
  }

  /** Describes what is left unfinished at the end of input, or null when the documents closed cleanly. */
  end(): string | null {
    if (this.capturing) return `The file ends inside the element that starts on line ${this.captureLine} (truncated?).`;
    if (!this.started) return null;
    if (!this.sawTarget) return this.mode === 'keyed' ? `The file has no "${this.key}" array.` : 'The file has no JSON array.';
    if (this.depth > 0) return 'The file ends before the JSON document is closed (truncated?).';
    return null;
  }

  /** Holds part of a depth-1 string (a key, or a value of another key, which may be huge). */
  private keepKey(part: string): void {
    this.keyChars += part.length;
    if (this.keyParts === null) return;
    if (this.keyChars > MAX_KEY_CHARS) this.keyParts = [];
    else this.keyParts.push(part);
  }

  /** Holds part of the element, or drops it all once the element is over the bound. */
  private keep(part: string): void {
    this.captureChars += part.length;
    if (this.oversized) return;
    if (this.captureChars > this.maxElementChars) {
      this.oversized = true;
      this.captureParts = [];
    } else this.captureParts.push(part);
  }

  private endCapture(chunk: string, from: number, to: number): ScannedElement {
    this.keep(chunk.slice(from, to));
    const label = this.label(this.captureIndex, this.captureLine);
    const element: ScannedElement = this.oversized
      ? { text: '', line: this.captureLine, label, problem: `${label} is larger than ${this.maxElementChars / 1024 / 1024} MiB and was skipped.` }
      : { text: this.captureParts.join(''), line: this.captureLine, label };
    this.capturing = false;
    this.captureParts = [];
    this.oversized = false;
    this.primitive = false;
    return element;
  }
}
