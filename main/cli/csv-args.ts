/** --columns and --raw as the CSV options of `exports.start`, with a sentence for each mistake. */
import { EVENT_FIELD_KEYS, EVENT_FIELDS, type EventFieldKey } from '../../common/event-fields.ts';
import { CliError, EXIT } from './exit-codes.ts';

/** A field by its key (`actorEmail`) or its CSV header name (`actor_email`), any case. */
function fieldNamed(name: string): EventFieldKey | undefined {
  const wanted = name.trim().toLowerCase();
  return EVENT_FIELD_KEYS.find((k) => k.toLowerCase() === wanted || EVENT_FIELDS[k].column === wanted);
}

export function csvFlags(values: { columns?: string | undefined; raw?: boolean | undefined }, format: string): { columns?: EventFieldKey[]; raw?: boolean } {
  if (format !== 'csv') {
    if (values.columns !== undefined || values.raw) throw new CliError(EXIT.usage, '--columns and --raw apply to --format csv only.');
    return {};
  }
  const out: { columns?: EventFieldKey[]; raw?: boolean } = { raw: values.raw ?? false };
  if (values.columns !== undefined) {
    const names = values.columns.split(',').filter((n) => n.trim() !== '');
    const unknown = names.filter((n) => fieldNamed(n) === undefined);
    if (names.length === 0 || unknown.length > 0) {
      throw new CliError(EXIT.usage, `--columns takes field names separated by commas (${EVENT_FIELD_KEYS.join(', ')}); not known: ${unknown.join(', ') || '(none given)'}.`);
    }
    out.columns = [...new Set(names.map((n) => fieldNamed(n)!))];
  }
  return out;
}
