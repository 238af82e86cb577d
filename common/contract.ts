/**
 * The one API contract. Every call the renderer can make is named here with its input and
 * output schema; the Electron preload, the IPC router and the HTTP host are all typed from it.
 * Adding a call means adding its name to call-names.ts and its schemas here, one handler in
 * main/api, and the UI that uses it.
 */
import { z } from 'zod';
import type { CallName } from './call-names.ts';
import { EVENT_FIELDS, FACET_FIELDS, type EventFieldKey, type FieldValue } from './event-fields.ts';

export { CALL_NAMES, IPC_PREFIX, CANCEL_CHANNEL, BRIDGE_GLOBAL, type CallName } from './call-names.ts';
export { ACTIVITIES, CATEGORIES, FACET_FIELDS, OUTCOMES, type FacetField } from './event-fields.ts';

const id = z.number().int().positive();
const epochMs = z.number().int();

/** Which tenants a view covers: every tenant, the tenants carrying a group label, or a list. */
export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('group'), group: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('tenants'), tenantIds: z.array(id).min(1).max(10_000) }),
]);

/** Half-open UTC range [from, to); either end may be open. */
export const rangeSchema = z
  .object({ from: epochMs.nullable(), to: epochMs.nullable() })
  .refine((r) => r.from === null || r.to === null || r.from < r.to, {
    message: 'from must be before to',
    path: ['from'],
  });

export const viewSchema = z.object({
  scope: scopeSchema,
  range: rangeSchema,
  query: z.string().max(10_000),
});

/** Keyset position: the (ts, id) of the last row seen. */
export const cursorSchema = z.object({ ts: epochMs, id });

/** The zod schema of one normalised field, from its declaration. */
function fieldSchema(spec: (typeof EVENT_FIELDS)[EventFieldKey]): z.ZodType {
  switch (spec.type) {
    case 'epochMs': return epochMs;
    case 'enum': return z.enum(spec.values as unknown as [string, ...string[]]);
    case 'text?': return z.string().nullable();
    case 'text': return z.string();
  }
}

type EventFieldShape = { [K in EventFieldKey]: z.ZodType<FieldValue<(typeof EVENT_FIELDS)[K]>> };
const eventFieldShape = Object.fromEntries(
  Object.entries(EVENT_FIELDS).map(([key, spec]) => [key, fieldSchema(spec)]),
) as EventFieldShape;

export const eventRowSchema = z.object({ id, tenantId: id, tenantName: z.string(), ...eventFieldShape });
export type EventRow = z.infer<typeof eventRowSchema>;

export const eventDetailSchema = eventRowSchema.extend({ raw: z.string(), rawSha256: z.string() });
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const tenantSchema = z.object({
  id,
  connectionId: id,
  connectionLabel: z.string(),
  sourceKind: z.string(),
  name: z.string(),
  groups: z.array(z.string()),
  legalHold: z.boolean(),
  retentionDays: z.number().int().positive().nullable(),
  eventCount: z.number().int().nonnegative(),
  newestTs: epochMs.nullable(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const calls = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      workspacePath: z.string(),
      transport: z.enum(['ipc', 'http']),
      eventCount: z.number().int().nonnegative(),
      /** Stored events not yet searchable by full text (the index trails ingest). */
      fullTextPending: z.number().int().nonnegative(),
    }),
  },
  'tenants.list': {
    input: z.object({}),
    output: z.object({ tenants: z.array(tenantSchema), groups: z.array(z.string()) }),
  },
  /** Creates a tenant for imported files (connection "Imported files"), or returns the one of that name. */
  'tenants.create': {
    input: z.object({
      name: z.string().trim().min(1).max(200),
      groups: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    }),
    output: tenantSchema,
  },
  'events.page': {
    input: z.object({
      view: viewSchema,
      order: z.enum(['newest', 'oldest']),
      after: cursorSchema.nullable(),
      limit: z.number().int().min(1).max(1000),
    }),
    output: z.object({ rows: z.array(eventRowSchema), next: cursorSchema.nullable(), tookMs: z.number() }),
  },
  'events.get': {
    input: z.object({ id }),
    output: eventDetailSchema,
  },
  'events.count': {
    input: z.object({ view: viewSchema }),
    output: z.object({ count: z.number().int().nonnegative(), tookMs: z.number() }),
  },
  'events.histogram': {
    input: z.object({ view: viewSchema, maxBuckets: z.number().int().min(1).max(2000).default(120) }),
    output: z.object({
      bucketMs: z.number().int().positive(),
      buckets: z.array(z.object({ start: epochMs, count: z.number().int().nonnegative() })),
      tookMs: z.number(),
    }),
  },
  'events.topValues': {
    input: z.object({ view: viewSchema, field: z.enum(FACET_FIELDS), limit: z.number().int().min(1).max(100) }),
    output: z.object({
      values: z.array(z.object({ value: z.string().nullable(), count: z.number().int().nonnegative() })),
      total: z.number().int().nonnegative(),
      tookMs: z.number(),
    }),
  },
  'integrity.verify': {
    input: z.object({ tenantIds: z.array(id).optional() }),
    output: z.object({
      ok: z.boolean(),
      eventsChecked: z.number().int().nonnegative(),
      batchesChecked: z.number().int().nonnegative(),
      firstBreak: z
        .object({
          tenantId: id,
          kind: z.enum(['event', 'batch']),
          eventId: id.nullable(),
          batchId: id.nullable(),
          detail: z.string(),
        })
        .nullable(),
      tookMs: z.number(),
    }),
  },
} as const satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>;

// Every name in call-names.ts has schemas here, and nothing else does.
type _SameNames = [keyof typeof calls] extends [CallName] ? ([CallName] extends [keyof typeof calls] ? true : never) : never;
const _sameNames: _SameNames = true;
void _sameNames;

export type Calls = typeof calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

/** Per-call options in the renderer: aborting `signal` stops the work where the transport can (HTTP). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The API object both transports give the renderer: one async function per call. */
export type TrailkeeperApi = {
  [K in CallName]: (input: CallInput<K>, options?: CallOptions) => Promise<CallOutput<K>>;
};

/** How every failure crosses a transport: a code, a sentence, and for bad input the field. */
export const apiErrorSchema = z.object({
  code: z.enum(['invalid_input', 'not_found', 'query_syntax', 'cancelled', 'unauthorized', 'internal']),
  message: z.string(),
  field: z.string().optional(),
  column: z.number().int().optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

/** The source kinds an import can be forced to (the normalisers in main/ingest/sources). */
export const IMPORT_SOURCE_KINDS = ['okta', 'github', 'cloudtrail', 'm365', 'syslog', 'generic'] as const;
export type ImportSourceKind = (typeof IMPORT_SOURCE_KINDS)[number];

/**
 * Browser-mode file import: `POST /upload?tenantId=…&name=…[&sourceKind=…]` with the token
 * header and the file as the body. Not an RPC call (its input is a byte stream): the answer is
 * NDJSON, one `uploadLineSchema` per line: progress lines, then one `done` or `error` line.
 */
export const UPLOAD_PATH = '/upload';

const count = z.number().int().nonnegative();
export const importProgressSchema = z.object({
  bytesRead: count,
  totalBytes: count,
  inserted: count,
  duplicates: count,
  problems: count,
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** What an import did: events added, duplicates skipped, records rejected (samples with line numbers). */
export const importSummarySchema = z.object({
  tenantId: id,
  fileName: z.string(),
  bytes: count,
  added: count,
  duplicates: count,
  rejected: count,
  rejectedSamples: z.array(z.object({ line: z.number().int().nonnegative(), message: z.string() })),
  tookMs: z.number(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const uploadLineSchema = z.discriminatedUnion('kind', [
  importProgressSchema.extend({ kind: z.literal('progress') }),
  z.object({ kind: z.literal('done'), summary: importSummarySchema }),
  z.object({ kind: z.literal('error'), error: apiErrorSchema }),
]);
export type UploadLine = z.infer<typeof uploadLineSchema>;


/** What an IPC call resolves to: Electron flattens thrown errors, so failures travel as values. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/**
 * What the preload exposes as `window.trailkeeper` in the Electron renderer: one function per
 * call, taking the input and a page-chosen call id, and `cancel(callId)`, which aborts that call
 * in the main process (its store read stops, as a closed request does over HTTP).
 */
export type TrailkeeperBridge = {
  [K in CallName]: (input: CallInput<K>, callId: number) => Promise<BridgeResult<CallOutput<K>>>;
} & { cancel(callId: number): void };
