/**
 * `aws cloudtrail lookup-events` output: `{"Events": [{"EventId", "EventName", "EventTime",
 * "Username", "Resources", "CloudTrailEvent": "<the full record as a JSON string>"}, …]}`. The
 * summary fields are the CLI's; the record itself is the string. That inner record is what is
 * stored as `raw` and normalised like any CloudTrail record, so an event read from lookup-events
 * and the same event read from a trail's S3 file have the same raw text (once the CLI's escaping
 * is undone) and the same source id.
 */
import { asObject } from '../sources/fields.ts';
import { errorText, recordLabel, type Piece, type RecordPiece } from './pieces.ts';

/** True for one entry of lookup-events output (and not a CloudTrail record itself). */
export function isLookupEvent(obj: unknown): boolean {
  const o = asObject(obj);
  return o !== null && typeof o.CloudTrailEvent === 'string' && o.EventId !== undefined && o.eventID === undefined;
}

/** The entry's inner CloudTrail record as the piece to normalise; other pieces pass unchanged. */
export function unwrapLookupEvent(piece: RecordPiece): Piece {
  if (!isLookupEvent(piece.obj)) return piece;
  const inner = (piece.obj as { CloudTrailEvent: string }).CloudTrailEvent;
  let obj: unknown;
  try {
    obj = JSON.parse(inner);
  } catch (err) {
    return { line: piece.line, problem: `${recordLabel(piece)} is a lookup-events entry whose CloudTrailEvent is not valid JSON (${errorText(err)}).` };
  }
  if (asObject(obj) === null) return { line: piece.line, problem: `${recordLabel(piece)} is a lookup-events entry whose CloudTrailEvent is not a JSON object.` };
  return { ...piece, raw: inner, obj };
}
