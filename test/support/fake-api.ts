/**
 * An in-memory TrailkeeperApi over a small list of events, for the renderer's slice tests. It
 * parses every input and every output with the contract's own zod schemas, so it cannot drift
 * from the contract: an answer the real API could not give fails the test that caused it.
 * Tests can hold a call (to see what happens while it is in flight), make the next call of a
 * name fail, and read the log of calls with the signal each one carried.
 *
 * Its query language is a small subset of the real one: `field:value` terms (all must match),
 * bare words (matched in the raw text), and `AND`. A term with no value, an unknown field or a
 * parenthesis is refused as `query_syntax` with its column, as the real API refuses a typo.
 */
import type { z } from 'zod';
import {
  calls,
  CALL_NAMES,
  type CallName,
  type CallOptions,
  type CallOutput,
  type EventDetail,
  type EventRow,
  type Tenant,
  type TrailkeeperApi,
  type ApiErrorShape,
  type SyslogStatus,
} from '../../common/contract.ts';
import { ApiClientError } from '../../renderer/src/api/ApiClientError.ts';

type ParsedInput<K extends CallName> = z.output<(typeof calls)[K]['input']>;
type Handler<K extends CallName> = (input: ParsedInput<K>) => CallOutput<K>;
type View = ParsedInput<'events.count'>['view'];

export type FakeCall = { name: CallName; input: unknown; signal: AbortSignal | undefined };

export type FakeApi = {
  api: TrailkeeperApi;
  /** Every call made, in order, with the signal it carried. */
  calls: FakeCall[];
  /** The calls of one name made so far. */
  callsOf(name: CallName): FakeCall[];
  /**
   * Calls of `name` made from now on wait until the returned function is called; with `calls`,
   * only that many of them wait (later ones pass straight through).
   */
  hold(name: CallName, options?: { calls?: number }): () => void;
  /** The next call of `name` fails with this error (after validating its input). */
  failNext(name: CallName, error: ApiErrorShape): void;
  /** The syslog receiver's figures from now on (what it has received, written, skipped). */
  setSyslogFigures(figures: Partial<SyslogStatus>): void;
};

/** The fields a `field:value` term can name, and how to read them from an event. */
const QUERY_FIELDS: Record<string, (e: EventDetail) => string | null> = {
  action: (e) => e.action,
  outcome: (e) => e.outcome,
  category: (e) => e.category,
  actor: (e) => e.actorEmail,
  ip: (e) => e.ip,
  tenant: (e) => e.tenantName,
  starred: (e) => String(e.annotation?.starred ?? false),
};

const ROW_KEYS = new Set(Object.keys(calls['events.page'].output.shape.rows.element.shape));

export function createFakeApi(options: { tenants: Tenant[]; events: EventDetail[] }): FakeApi {
  const { tenants, events } = options;
  const log: FakeCall[] = [];
  const holds = new Map<CallName, { until: Promise<void>; remaining: number }>();
  const failures = new Map<CallName, ApiErrorShape>();
  // One syslog receiver, as the real intake keeps: its figures stay after it stops.
  const idleSyslog: SyslogStatus = { running: false, tenantId: null, host: '127.0.0.1', port: 0, received: 0, written: 0, batches: 0, garbage: 0, dropped: 0, connections: 0, idleClosed: 0, recentProblems: [] };
  let syslog: SyslogStatus = { ...idleSyslog };

  const handlers: { [K in CallName]?: Handler<K> } = {
    'tenants.list': () => ({
      tenants,
      groups: [...new Set(tenants.flatMap((t) => t.groups))].sort(),
    }),
    'events.get': ({ id }) => {
      const event = events.find((e) => e.id === id);
      if (!event) throw new ApiClientError({ code: 'not_found', message: `No event has id ${id}.` });
      return event;
    },
    'events.count': ({ view }) => ({ count: matching(view).length, tookMs: 1 }),
    'events.page': ({ view, order, after, limit }) => {
      const sign = order === 'newest' ? -1 : 1;
      const sorted = matching(view).sort((a, b) => sign * (a.ts - b.ts || a.id - b.id));
      const start = after === null ? 0 : sorted.findIndex((e) => sign * (e.ts - after.ts || e.id - after.id) > 0);
      const slice = start < 0 ? [] : sorted.slice(start, start + limit);
      const last = slice[slice.length - 1];
      const more = start >= 0 && start + limit < sorted.length;
      return { rows: slice.map(toRow), next: more && last ? { ts: last.ts, id: last.id } : null, tookMs: 1 };
    },
    'events.topValues': ({ view, field, limit }) => {
      const read = (e: EventDetail) => (field === 'tenant' ? e.tenantName : columnValue(e, field));
      const counts = new Map<string | null, number>();
      const rows = matching(view);
      for (const e of rows) counts.set(read(e), (counts.get(read(e)) ?? 0) + 1);
      const values = [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
        .slice(0, limit);
      return { values, total: rows.length, tookMs: 1 };
    },
    // Fixed buckets of a day from the first event's day: enough for slice tests of the chart.
    'events.histogram': ({ view }) => {
      const day = 86_400_000;
      const counts = new Map<number, number>();
      for (const e of matching(view)) counts.set(Math.floor(e.ts / day) * day, (counts.get(Math.floor(e.ts / day) * day) ?? 0) + 1);
      const buckets = [...counts].sort((a, b) => a[0] - b[0]).map(([start, count]) => ({ start, count }));
      return { bucketMs: day, buckets, tookMs: 1 };
    },
    // The real store walks an index; the fake finds the same cursor in its sorted list.
    'events.seek': ({ view, order, target }) => {
      const sorted = ordered(view, order);
      const offset =
        'offset' in target
          ? target.offset
          : sorted.filter((e) => (order === 'newest' ? e.ts > target.ts : e.ts < target.ts)).length;
      const before = offset > 0 ? sorted[Math.min(offset, sorted.length) - 1] : undefined;
      return { offset, after: before ? { ts: before.ts, id: before.id } : null, tookMs: 1 };
    },
    'syslog.start': ({ tenantId, port, host }) => {
      if (!tenants.some((t) => t.id === tenantId)) throw new ApiClientError({ code: 'invalid_input', message: `There is no tenant with id ${tenantId} to receive syslog into.` });
      syslog = { ...idleSyslog, running: true, tenantId, host: host ?? '127.0.0.1', port: port === 0 ? 51_400 : port };
      return syslog;
    },
    'syslog.stop': () => (syslog = { ...syslog, running: false, tenantId: null, connections: 0 }),
    'syslog.status': () => syslog,
    // Annotations are kept on the fake's own events, as the workspace keeps them beside its rows.
    'annotations.set': ({ eventId, starred, tags, note }) => {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new ApiClientError({ code: 'not_found', message: `There is no event with id ${eventId}.`, field: 'eventId' });
      const now = { ...(event.annotation ?? { starred: false, tags: [], note: '' }) };
      if (starred !== undefined) now.starred = starred;
      if (tags) now.tags = [...new Set(tags)].sort();
      if (note !== undefined) now.note = note;
      setAnnotation(event, now);
      return { eventId, ...now };
    },
    'annotations.bulkTag': ({ tag, action, target }) => {
      const chosen = 'eventIds' in target ? events.filter((e) => target.eventIds.includes(e.id)) : matching(target.view);
      let changed = 0;
      for (const e of chosen) {
        const now = e.annotation ?? { starred: false, tags: [], note: '' };
        const has = now.tags.includes(tag);
        if (action === 'add' && !has) setAnnotation(e, { ...now, tags: [...now.tags, tag].sort() });
        else if (action === 'remove' && has) setAnnotation(e, { ...now, tags: now.tags.filter((t) => t !== tag) });
        else continue;
        changed++;
      }
      return { matched: chosen.length, changed };
    },
    'annotations.tags': ({ view, limit }) => {
      const counts = new Map<string, number>();
      for (const e of matching(view)) for (const t of e.annotation?.tags ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
      const tags = [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
      return { tags: tags.slice(0, limit) };
    },
  };

  function setAnnotation(event: EventDetail, a: NonNullable<EventDetail['annotation']>): void {
    if (a.starred || a.tags.length > 0 || a.note !== '') event.annotation = a;
    else delete event.annotation;
  }

  function ordered(view: View, order: 'newest' | 'oldest'): EventDetail[] {
    const sign = order === 'newest' ? -1 : 1;
    return matching(view).sort((a, b) => sign * (a.ts - b.ts || a.id - b.id));
  }

  function matching(view: View): EventDetail[] {
    const terms = parseQuery(view.query);
    return events.filter((e) => inScope(e, view.scope) && inRange(e, view.range) && terms.every((t) => t(e)));
  }

  function inScope(e: EventDetail, scope: View['scope']): boolean {
    if (scope.kind === 'all') return true;
    if (scope.kind === 'tenants') return scope.tenantIds.includes(e.tenantId);
    return tenants.some((t) => t.id === e.tenantId && t.groups.includes(scope.group));
  }

  async function invoke(name: CallName, rawInput: unknown, callOptions?: CallOptions): Promise<unknown> {
    const signal = callOptions?.signal;
    log.push({ name, input: rawInput, signal });
    const parsed = calls[name].input.safeParse(rawInput);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiClientError({ code: 'invalid_input', message: `${name}: ${issue?.message ?? 'invalid input'}`, field: issue?.path.join('.') ?? '' });
    }
    const held = holds.get(name);
    if (held) {
      if (--held.remaining === 0) holds.delete(name);
      await untilOrAborted(held.until, signal);
    }
    if (signal?.aborted) throw cancelled();
    const failure = failures.get(name);
    if (failure) {
      failures.delete(name);
      throw new ApiClientError(failure);
    }
    const handler = handlers[name] as ((input: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`The fake API does not implement ${name}; add it to test/support/fake-api.ts.`);
    const output = calls[name].output.safeParse(handler(parsed.data));
    if (!output.success) throw new Error(`The fake API's answer to ${name} breaks the contract: ${output.error.message}`);
    return output.data;
  }

  const api = Object.fromEntries(
    CALL_NAMES.map((name) => [name, (input: unknown, o?: CallOptions) => invoke(name, input, o)]),
  ) as unknown as TrailkeeperApi;

  return {
    api,
    calls: log,
    callsOf: (name) => log.filter((c) => c.name === name),
    hold(name, holdOptions) {
      let release!: () => void;
      const held = { until: new Promise<void>((resolve) => (release = resolve)), remaining: holdOptions?.calls ?? Infinity };
      holds.set(name, held);
      return () => {
        if (holds.get(name) === held) holds.delete(name);
        release();
      };
    },
    failNext: (name, error) => failures.set(name, error),
    setSyslogFigures: (figures) => (syslog = { ...syslog, ...figures }),
  };
}

/** A normalised column (`actor_email`) read from an event (`actorEmail`). */
function columnValue(e: EventDetail, column: string): string | null {
  const key = column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as keyof EventDetail;
  const value = e[key];
  return value === null || value === undefined ? null : String(value);
}

function toRow(e: EventDetail): EventRow {
  return Object.fromEntries(Object.entries(e).filter(([key]) => ROW_KEYS.has(key))) as EventRow;
}

function inRange(e: EventDetail, range: View['range']): boolean {
  return (range.from === null || e.ts >= range.from) && (range.to === null || e.ts < range.to);
}

const cancelled = () => new ApiClientError({ code: 'cancelled', message: 'The request was cancelled.' });

function untilOrAborted(wait: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return wait;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    signal.addEventListener('abort', () => reject(cancelled()), { once: true });
    void wait.then(resolve);
  });
}

/** The fake's query subset: each term becomes a predicate; a malformed term is refused with its column. */
function parseQuery(query: string): ((e: EventDetail) => boolean)[] {
  const terms: ((e: EventDetail) => boolean)[] = [];
  for (const match of query.matchAll(/\S+/g)) {
    const term = match[0];
    const column = match.index + 1;
    if (term === 'AND') continue;
    const paren = term.search(/[()]/);
    if (paren >= 0) throw syntax('The fake API does not support parentheses.', column + paren);
    const colon = term.indexOf(':');
    if (colon < 0) {
      terms.push((e) => e.raw.toLowerCase().includes(term.toLowerCase()));
      continue;
    }
    // `-field:value` negates; a quoted value is the text inside its quotes.
    const negated = term.startsWith('-');
    const field = term.slice(negated ? 1 : 0, colon);
    const value = term.slice(colon + 1).replace(/^"(.*)"$/, '$1');
    // `tag:x` holds when any of the event's tags is x (case-insensitively, as the store compares them).
    const read = field === 'tag' ? (e: EventDetail) => (e.annotation?.tags.some((t) => t.toLowerCase() === value.toLowerCase()) ? value : null) : QUERY_FIELDS[field] ?? (/^[a-z]+(_[a-z]+)+$|^(category|activity|severity)$/.test(field) ? (e: EventDetail) => columnValue(e, field) : undefined);
    if (!read) throw syntax(`Unknown field "${field}".`, column);
    if (value === '') throw syntax(`Expected a value after "${field}:".`, column + colon + 1);
    terms.push((e) => (read(e) === value) !== negated);
  }
  return terms;
}

function syntax(message: string, column: number): ApiClientError {
  return new ApiClientError({ code: 'query_syntax', message, column });
}

/** A tenant with the contract's every field; pass what a test cares about. */
export function fakeTenant(fields: Partial<Tenant> & Pick<Tenant, 'id' | 'name'>): Tenant {
  return {
    connectionId: 1,
    connectionLabel: 'Fake connection',
    sourceKind: 'okta',
    groups: [],
    legalHold: false,
    retentionDays: null,
    eventCount: 0,
    newestTs: null,
    oldestTs: null,
    ...fields,
  };
}

/** An event with the contract's every field; its raw text is its fields as JSON unless given. */
export function fakeEvent(fields: Partial<EventDetail> & Pick<EventDetail, 'id' | 'tenantId' | 'ts'>): EventDetail {
  const event: EventDetail = {
    tenantName: `Tenant ${fields.tenantId}`,
    sourceId: `fake-${fields.id}`,
    tsRaw: new Date(fields.ts).toISOString(),
    category: 'auth',
    action: 'user.session.start',
    activity: 'login',
    outcome: 'success',
    severity: null,
    actorType: 'User',
    actorId: null,
    actorName: null,
    actorEmail: 'alice@acme.test',
    actorRole: null,
    targetType: null,
    targetId: null,
    targetName: null,
    ip: null,
    userAgent: null,
    geoCountry: null,
    geoCity: null,
    message: null,
    raw: '',
    rawSha256: '0'.repeat(64),
    ...fields,
  };
  if (fields.raw === undefined) event.raw = JSON.stringify({ id: event.sourceId, action: event.action, actor: event.actorEmail });
  return event;
}
