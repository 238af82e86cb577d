/**
 * The one API contract. Every call the renderer can make is named here with its input and
 * output schema; the Electron preload, the IPC router and the HTTP host are all typed from it.
 * Adding a call means adding it here, one handler in main/api, and the UI that uses it.
 */
import { z } from 'zod';

export const CATEGORIES = [
  'auth', 'user', 'access', 'app', 'config', 'integration',
  'infrastructure', 'compliance', 'security', 'audit', 'other',
] as const;
export const ACTIVITIES = ['create', 'read', 'update', 'delete', 'login', 'logout', 'other'] as const;
export const OUTCOMES = ['success', 'failure', 'unknown'] as const;

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

export const eventRowSchema = z.object({
  id,
  tenantId: id,
  tenantName: z.string(),
  sourceId: z.string(),
  ts: epochMs,
  tsRaw: z.string(),
  category: z.enum(CATEGORIES),
  action: z.string(),
  activity: z.enum(ACTIVITIES),
  outcome: z.enum(OUTCOMES),
  severity: z.string().nullable(),
  actorType: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorRole: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  geoCountry: z.string().nullable(),
  geoCity: z.string().nullable(),
  message: z.string().nullable(),
});
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

/** The fields whose values can be counted (top-N); every one is a normalised column. */
export const FACET_FIELDS = [
  'category', 'action', 'activity', 'outcome', 'severity', 'actor_type', 'actor_id', 'actor_name',
  'actor_email', 'actor_role', 'target_type', 'target_id', 'target_name', 'ip', 'user_agent',
  'geo_country', 'geo_city', 'tenant',
] as const;

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
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
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

export const CALL_NAMES = Object.keys(calls) as CallName[];

/** Prefix on every IPC channel, so no foreign channel can reach a handler. */
export const IPC_PREFIX = 'trailkeeper:';

/** How every failure crosses a transport: a code, a sentence, and for bad input the field. */
export const apiErrorSchema = z.object({
  code: z.enum(['invalid_input', 'not_found', 'query_syntax', 'cancelled', 'unauthorized', 'internal']),
  message: z.string(),
  field: z.string().optional(),
  column: z.number().int().optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

/** What an IPC call resolves to: Electron flattens thrown errors, so failures travel as values. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** What the preload exposes as `window.trailkeeper` in the Electron renderer. */
export type TrailkeeperBridge = {
  [K in CallName]: (input: CallInput<K>) => Promise<BridgeResult<CallOutput<K>>>;
};
