/**
 * The one API contract. Every call the renderer can make is named here with its input and
 * output schema; the Electron preload, the IPC router and the HTTP host are all typed from it.
 * Adding a call means adding its name to call-names.ts and its schemas here, one handler in
 * main/api, and the UI that uses it.
 */
import { z } from 'zod';
import type { CallName } from './call-names.ts';
import { EVENT_FIELD_KEYS, EVENT_FIELDS, FACET_FIELDS, type EventFieldKey, type FieldValue } from './event-fields.ts';

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

/**
 * Range ends lie in the years 1 to 9999 (0001-01-01 to 10000-01-01 UTC, ISO 8601's four-digit
 * years): wide enough for any audit log, small enough that bucket arithmetic stays exact.
 */
const rangeEnd = epochMs
  .min(-62_135_596_800_000, 'must be a time in the years 1 to 9999')
  .max(253_402_300_800_000, 'must be a time in the years 1 to 9999');

/** Half-open UTC range [from, to); either end may be open. */
export const rangeSchema = z
  .object({ from: rangeEnd.nullable(), to: rangeEnd.nullable() })
  .refine((r) => r.from === null || r.to === null || r.from < r.to, {
    message: 'from must be before to',
    path: ['from'],
  });

/** The longest query text a view may carry (the renderer says so before sending a longer one). */
export const MAX_QUERY_CHARS = 10_000;

export const viewSchema = z.object({
  scope: scopeSchema,
  range: rangeSchema,
  query: z.string().max(MAX_QUERY_CHARS),
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

/**
 * The investigator's marks on an event (issue 9 item 7): outside the evidence and its hash chain
 * (docs/design.md §3). A tag is one word of letters, digits and `_ . - /`, so `tag:x` can name it.
 */
export const ANNOTATION_LIMITS = { tagChars: 64, tagsPerEvent: 50, noteChars: 10_000, bulkEvents: 100_000, bulkIds: 10_000 } as const;
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(ANNOTATION_LIMITS.tagChars, `a tag is at most ${ANNOTATION_LIMITS.tagChars} characters`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_./-]*$/u, 'a tag is one word: letters and digits, then also _ . - / (no spaces, quotes, colons or wildcards)');
export const annotationSchema = z.object({
  starred: z.boolean(),
  tags: z.array(z.string()),
  note: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

/** `annotation` is absent for an event nobody has marked. */
export const eventRowSchema = z.object({ id, tenantId: id, tenantName: z.string(), ...eventFieldShape, annotation: annotationSchema.optional() });
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
  oldestTs: epochMs.nullable(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const CONNECTOR_KINDS = ['okta', 'github', 'entra', 'portal', 'msp'] as const;
export type ConnectorKindName = (typeof CONNECTOR_KINDS)[number];

/** One tenant's sync run as it happens: queued, running (or waiting on a limit), then how it ended. */
export const syncProgressSchema = z.object({
  tenantId: id,
  connectionId: id,
  tenantName: z.string(),
  state: z.enum(['queued', 'running', 'waiting', 'ok', 'failed', 'cancelled']),
  startedAt: epochMs.nullable(),
  finishedAt: epochMs.nullable(),
  inserted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  problems: z.number().int().nonnegative(),
  /** Newest event time committed in this run. */
  highWater: epochMs.nullable(),
  /** How far through the time span this run covers (0..1), for a progress bar. */
  fraction: z.number().min(0).max(1).nullable(),
  /** Why nothing moves right now (a rate limit, a retry), as a sentence. */
  note: z.string().nullable(),
  error: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/** What the event stream carries (IPC EVENTS_CHANNEL, HTTP `GET /events`). */
export const syncEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), runs: z.array(syncProgressSchema) }),
  z.object({ type: z.literal('progress'), run: syncProgressSchema }),
]);
export type SyncEvent = z.infer<typeof syncEventSchema>;
export const EVENTS_PATH = '/events';

/** A synced tenant's standing: last success, lag, events, last error as a sentence. */
export const tenantSyncSchema = z.object({
  tenantId: id,
  externalId: z.string(),
  name: z.string(),
  groups: z.array(z.string()),
  eventCount: z.number().int().nonnegative(),
  lastSuccess: epochMs.nullable(),
  /** How far the local copy trails the source: now minus the start of the last successful run. */
  lagMs: z.number().int().nonnegative().nullable(),
  lastError: z.string().nullable(),
  highWater: epochMs.nullable(),
  intervalMin: z.number().int().positive().nullable(),
  remoteListed: z.boolean(),
  /** Events whose id was derived from their raw bytes (the source gave none). */
  derivedIds: z.number().int().nonnegative(),
});
export type TenantSync = z.infer<typeof tenantSyncSchema>;

export const connectionSchema = z.object({
  id,
  kind: z.string(),
  label: z.string(),
  baseUrl: z.string(),
  options: z.record(z.string(), z.unknown()),
  hasSecret: z.boolean(),
  tenants: z.array(tenantSyncSchema),
});
export type Connection = z.infer<typeof connectionSchema>;

/** Where secrets live and whether they can be used now; never a secret itself. */
export const keyStoreSchema = z.object({
  kind: z.enum(['os-key-store', 'passphrase-file']),
  ready: z.boolean(),
  needsPassphrase: z.boolean(),
  initialised: z.boolean(),
  problem: z.string().nullable(),
});
export type KeyStoreState = z.infer<typeof keyStoreSchema>;

const secretInput = z.string().min(1, 'enter the token or secret').max(16_384);
const connectionDraft = z.object({
  kind: z.enum(CONNECTOR_KINDS),
  label: z.string().trim().min(1).max(200),
  baseUrl: z.url({ protocol: /^https?$/, error: 'enter the base URL, e.g. https://acme.okta.com' }),
  options: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])).default({}),
  secret: secretInput,
  scheme: z.enum(['ssws', 'bearer']).optional(),
});
const syncFilter = z.object({ connectionId: id.optional(), tenantIds: z.array(id).max(10_000).optional() });
const done = z.object({ ok: z.literal(true) });

/** The syslog receiver: what it listens on, where it writes, and what it has seen (garbage is counted, not kept). */
export const syslogStatusSchema = z.object({
  running: z.boolean(),
  tenantId: id.nullable(),
  host: z.string(),
  port: z.number().int().min(0).max(65535),
  received: z.number().int().nonnegative(),
  written: z.number().int().nonnegative(),
  batches: z.number().int().nonnegative(),
  garbage: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
  connections: z.number().int().nonnegative(),
  /** TCP connections closed because they sent nothing for the idle timeout (5 minutes). */
  idleClosed: z.number().int().nonnegative(),
  recentProblems: z.array(z.string()),
});
export type SyslogStatus = z.infer<typeof syslogStatusSchema>;

/** Export formats (main/export): CSV, NDJSON and JSON of the raw events, RFC 5424 syslog lines, OCSF 1.x, OCSF as Parquet. */
export const EXPORT_FORMATS = ['csv', 'ndjson', 'json', 'syslog', 'ocsf', 'ocsf-parquet'] as const;
/** A findings list exports as CSV or NDJSON; its history and manifest format is `findings-<format>`. */
export const FINDINGS_EXPORT_FORMATS = ['csv', 'ndjson'] as const;

/** One export in the workspace's history; `rows` and `bytes` grow while it runs. */
export const exportRecordSchema = z.object({
  id,
  name: z.string(),
  format: z.string(),
  view: z.unknown(),
  status: z.enum(['running', 'ok', 'failed', 'cancelled']),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().nullable(),
  path: z.string(),
  manifestPath: z.string().nullable(),
  startedAt: epochMs,
  finishedAt: epochMs.nullable(),
  error: z.string().nullable(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

/** What verifying an export found: match, or the first mismatch and where. */
export const exportVerifySchema = z.object({
  ok: z.boolean(),
  filesChecked: z.number().int().nonnegative(),
  eventsChecked: z.number().int().nonnegative(),
  firstMismatch: z.object({ kind: z.enum(['manifest', 'file', 'event']), where: z.string(), detail: z.string() }).nullable(),
});
export type ExportVerifyResult = z.infer<typeof exportVerifySchema>;

/** What verify found: every batch and event checked, or the first break named. */
export const verifyResultSchema = z.object({
  ok: z.boolean(),
  eventsChecked: z.number().int().nonnegative(),
  /** Events checked for raw text only: written before the normaliser was recorded, or by one this build lacks. */
  eventsNotRederived: z.number().int().nonnegative(),
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
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

/** A background verify: how far it has got, then its verdict (or why it stopped, in a sentence). */
export const integrityJobSchema = z.object({
  jobId: id,
  /** The tenants in scope; null for all. */
  tenantIds: z.array(id).nullable(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  batchesDone: z.number().int().nonnegative(),
  batchesTotal: z.number().int().nonnegative(),
  eventsDone: z.number().int().nonnegative(),
  eventsTotal: z.number().int().nonnegative(),
  result: verifyResultSchema.nullable(),
  error: z.string().nullable(),
});
export type IntegrityJob = z.infer<typeof integrityJobSchema>;

/** Retention in whole days, up to a century; null keeps events forever. */
const retentionDays = z.number().int().min(1).max(36_500);
const groupName = z.string().trim().min(1, 'must not be empty').max(200);

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
      /** The first-start demo load, which runs behind the first window; null when there is none. */
      demoLoad: z
        .object({
          state: z.enum(['idle', 'loading', 'done', 'failed']),
          tenantsDone: z.number().int().nonnegative(),
          tenantsTotal: z.number().int().nonnegative(),
          inserted: z.number().int().nonnegative(),
          message: z.string().nullable(),
        })
        .nullable(),
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
    input: z.object({ view: viewSchema, maxBuckets: z.number().int().min(2).max(2000).default(120) }),
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
  /**
   * Where a row offset or a time falls in a view: the cursor that makes events.page start there
   * (the table's scrollbar, End, "go to <time>"). `countHint` (the caller's count) lets an offset
   * past the middle be found from the far end.
   */
  'events.seek': {
    input: z.object({
      view: viewSchema,
      order: z.enum(['newest', 'oldest']),
      target: z.union([z.object({ offset: z.number().int().nonnegative() }), z.object({ ts: rangeEnd })]),
      countHint: z.number().int().nonnegative().optional(),
    }),
    output: z.object({ offset: z.number().int().nonnegative(), after: cursorSchema.nullable(), tookMs: z.number() }),
  },
  'integrity.verify': {
    input: z.object({ tenantIds: z.array(id).min(1).optional() }),
    output: verifyResultSchema,
  },
  /** Starts a verify in the background (the Tenants screen): poll integrity.status for progress and the verdict. */
  'integrity.start': {
    input: z.object({ tenantIds: z.array(id).min(1).max(10_000).optional() }),
    output: integrityJobSchema,
  },
  'integrity.status': { input: z.object({ jobId: id }), output: integrityJobSchema },
  'integrity.cancel': { input: z.object({ jobId: id }), output: z.object({ cancelled: z.boolean() }) },
  /** Applies every tenant's retention policy now (it also runs every six hours); legal holds are kept. */
  'retention.run': {
    input: z.object({}),
    output: z.object({
      purged: z.array(z.object({ tenantId: id, purged: z.number().int().nonnegative() })),
      tookMs: z.number(),
    }),
  },
  /** Connections with their tenants' sync standing, the runs in flight, and the key store's state. */
  'connections.list': {
    input: z.object({}),
    output: z.object({ connections: z.array(connectionSchema), runs: z.array(syncProgressSchema), keyStore: keyStoreSchema }),
  },
  /** Saves a connection (its secret into the key store) and lists its tenants from the remote. */
  'connections.add': {
    input: connectionDraft,
    output: z.object({ id, tenantsListed: z.number().int().nonnegative(), message: z.string() }),
  },
  /** Tries a saved connection or a draft against the remote: the verdict is data, not an error. */
  'connections.test': {
    input: z.union([z.object({ connectionId: id }), z.object({ draft: connectionDraft.omit({ label: true }) })]),
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
  'connections.setSecret': {
    input: z.object({ connectionId: id, secret: secretInput, scheme: z.enum(['ssws', 'bearer']).optional() }),
    output: done,
  },
  'connections.refreshTenants': {
    input: z.object({ connectionId: id }),
    output: z.object({ tenantsListed: z.number().int().nonnegative(), message: z.string() }),
  },
  'tenants.setGroups': {
    input: z.object({ tenantId: id, groups: z.array(z.string().trim().max(200)).max(50) }),
    output: done,
  },
  'tenants.setSyncInterval': {
    input: z.object({ tenantId: id, minutes: z.number().int().min(5).max(7 * 24 * 60).nullable() }),
    output: done,
  },
  /**
   * Sets a tenant's retention (null: keep forever). With `purgeBefore` (the cutoff its preview
   * counted with) the tenant's expired events are removed now, never further back than the policy.
   */
  'tenants.setRetention': {
    input: z.object({ tenantId: id, days: retentionDays.nullable(), purgeBefore: epochMs.optional() }),
    output: z.object({ purged: z.number().int().nonnegative() }),
  },
  'tenants.setLegalHold': { input: z.object({ tenantId: id, hold: z.boolean() }), output: done },
  /** How many events a retention of `days` would remove from the tenant now (0 under legal hold), and the cutoff counted with. */
  'tenants.retentionPreview': {
    input: z.object({ tenantId: id, days: retentionDays }),
    output: z.object({ removes: z.number().int().nonnegative(), cutoff: epochMs, legalHold: z.boolean() }),
  },
  /** Renames a group label on every tenant carrying it. */
  'tenants.renameGroup': {
    input: z.object({ from: groupName, to: groupName }),
    output: z.object({ tenantsChanged: z.number().int().nonnegative() }),
  },
  'secrets.status': { input: z.object({}), output: keyStoreSchema },
  /** Browser mode: opens the passphrase-sealed secrets file for this session (creates it the first time). */
  'secrets.unlock': { input: z.object({ passphrase: z.string().min(1).max(1024) }), output: keyStoreSchema },
  /** Sync now: queues the matching tenants (all synced tenants when no filter). */
  'sync.start': {
    input: syncFilter,
    output: z.object({ queued: z.array(id), message: z.string() }),
  },
  'sync.cancel': { input: syncFilter, output: z.object({ cancelled: z.number().int().nonnegative() }) },
  /** For the top bar: runs in flight and how many tenants have a last error. */
  'sync.status': {
    input: z.object({}),
    output: z.object({
      runs: z.array(syncProgressSchema),
      running: z.number().int().nonnegative(),
      failing: z.number().int().nonnegative(),
      lastSuccess: epochMs.nullable(),
    }),
  },
  /** Starts the syslog receiver (UDP and TCP on one loopback port; 0 picks a free one) into a tenant. */
  'syslog.start': {
    input: z.object({ tenantId: id, port: z.number().int().min(0).max(65535), host: z.enum(['127.0.0.1', '::1']).optional() }),
    output: syslogStatusSchema,
  },
  'syslog.stop': { input: z.object({}), output: syslogStatusSchema },
  'syslog.status': { input: z.object({}), output: syslogStatusSchema },
  /**
   * Starts exporting a view in full (no row cap) in a reader worker; answers at once with the
   * running record. `path` (command line) is refused over HTTP, where exports go to the
   * workspace's exports folder and download from `GET /download?id=…`. In the desktop app, without
   * `path`, the main process shows its Save dialog; closing it answers `cancelled` and starts nothing.
   */
  'exports.start': {
    input: z.object({
      view: viewSchema,
      order: z.enum(['newest', 'oldest']).default('newest'),
      format: z.enum(EXPORT_FORMATS),
      /** NDJSON and JSON: the normalised fields beside the raw text. */
      fields: z.boolean().default(false),
      /** CSV: the normalised fields to write, in order (the table's columns; default all). */
      columns: z.array(z.enum(EVENT_FIELD_KEYS as [EventFieldKey, ...EventFieldKey[]])).max(EVENT_FIELD_KEYS.length).optional(),
      /** CSV: add the raw JSON as the last column. */
      raw: z.boolean().optional(),
      path: z.string().min(1).max(4096).optional(),
      /** Only the events behind the findings of rule run N ("Export the findings' events"). */
      findingsRunId: id.optional(),
      /** Only these events of the view (the rows marked in the table). */
      eventIds: z.array(id).min(1).max(ANNOTATION_LIMITS.bulkIds).optional(),
    }),
    output: exportRecordSchema,
  },
  'exports.cancel': { input: z.object({ id }), output: z.object({ cancelled: z.boolean() }) },
  'exports.list': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100), id: id.optional() }),
    output: z.object({ exports: z.array(exportRecordSchema) }),
  },
  /** Verifies an export from the history (by id) or any manifest on disk (command line, desktop). */
  'exports.verify': {
    input: z.union([
      z.object({ id, checkWorkspace: z.boolean().default(true) }),
      z.object({ manifestPath: z.string().min(1).max(4096), checkWorkspace: z.boolean().default(true) }),
    ]),
    output: exportVerifySchema,
  },
  /** Starts a new export with the view, format and options of recorded export `id` (a new file name, its own manifest). */
  'exports.rerun': { input: z.object({ id }), output: exportRecordSchema },
  /**
   * Desktop app: shows recorded export `id` in the OS file manager (only a path from the history,
   * never one from the page). Over HTTP it answers not_found: download the export instead.
   */
  'exports.reveal': { input: z.object({ id }), output: z.object({ path: z.string() }) },
  /**
   * Browser mode: a single-use link (about 60 s) that downloads finished export `id`'s file (or its
   * manifest) through the browser's own download manager, streamed to disk; the API token never
   * goes into a URL. In the desktop app it answers invalid_input: the Save dialog wrote the file.
   */
  'exports.downloadTicket': {
    input: z.object({ id, file: z.enum(['data', 'manifest']).default('data') }),
    output: z.object({ url: z.string().startsWith('/download?'), expiresAt: epochMs }),
  },
  /**
   * Desktop app: shows the OS Open dialog in the main process and imports the files chosen there
   * (an empty answer when the user closes it). Over HTTP it answers not_found: the browser uploads.
   */
  'imports.openDialog': { input: z.lazy(() => importTargetSchema), output: z.lazy(() => desktopImportSchema) },
  /** Desktop app: imports the files of one drag-and-drop, named by the id DROP_CHANNEL answered (never a path). */
  'imports.dropped': {
    input: z.lazy(() => importTargetSchema.extend({ dropId: z.string().regex(/^[0-9a-f-]{36}$/, 'must be the id of a drop') })),
    output: z.lazy(() => desktopImportSchema),
  },
  /** The built-in rule pack: each rule, or why it cannot run (unsupported or invalid). */
  'rules.list': { input: z.object({}), output: z.lazy(() => z.object({ rules: z.array(ruleSummarySchema) })) },
  /** Runs the pack (or the rules named) over a view; the findings are kept as a run in the workspace. */
  'rules.run': {
    input: z.object({ view: viewSchema, ruleIds: z.array(z.string().min(1).max(200)).min(1).max(2000).optional() }),
    output: z.lazy(() => ruleRunSchema),
  },
  /** The findings of one run (default: the latest). */
  'findings.list': { input: z.object({ runId: id.optional() }), output: z.lazy(() => z.object({ runId: id.nullable(), findings: z.array(findingSchema) })) },
  /** One read-only SQL statement on a reader (query_only), with named parameters and a time limit. */
  'sql.run': {
    input: z.object({
      sql: z.string().min(1).max(100_000),
      params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string().max(10_000), z.number(), z.null()])).default({}),
      limit: z.number().int().min(1).max(10_000).default(1000),
      timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
    }),
    output: z.lazy(() => sqlResultSchema),
  },
  'presets.list': { input: z.object({}), output: z.lazy(() => z.object({ presets: z.array(storedPresetSchema) })) },
  /** Creates a preset, or with an id updates it (rename included). Names are unique. */
  'presets.save': { input: z.lazy(() => z.object({ id: id.optional(), preset: presetSchema })), output: z.lazy(() => storedPresetSchema) },
  /** Deletes a preset and answers it as it was, so the page can undo by saving it again. */
  'presets.delete': { input: z.object({ id }), output: z.lazy(() => presetSchema) },
  /** Imports a preset file (its text): every preset, or none and each error named. */
  'presets.import': {
    input: z.object({ text: z.string().max(20_000_000) }),
    output: z.object({ imported: z.number().int().nonnegative() }),
  },
  'presets.export': { input: z.object({ ids: z.array(id).max(10_000).optional() }), output: z.object({ text: z.string() }) },
  'queries.list': { input: z.object({}), output: z.lazy(() => z.object({ queries: z.array(savedQuerySchema) })) },
  /** Saves a console query (with an id: updates it) with its named parameters' defaults. */
  'queries.save': {
    input: z.lazy(() => z.object({ id: id.optional(), name: z.string().trim().min(1, 'a query needs a name').max(100), sql: z.string().min(1).max(100_000), params: z.array(queryParamSchema).max(50) })),
    output: z.lazy(() => savedQuerySchema),
  },
  'queries.delete': { input: z.object({ id }), output: z.object({ deleted: z.boolean() }) },
  /** Adds a Sigma YAML file to the user's rules (kept beside the workspace); a file with an invalid rule is refused whole. */
  'rules.import': {
    input: z.object({ fileName: z.string().min(1).max(255), text: z.string().min(1).max(5_000_000) }),
    output: z.lazy(() => z.object({ rules: z.array(ruleSummarySchema) })),
  },
  /** How the rule run in progress is going (polled, as exports.list is); `running: false` when none is. */
  'rules.progress': { input: z.object({}), output: z.lazy(() => ruleProgressSchema) },
  /** Stops the rule run in progress: its rules.run answers `cancelled` and keeps no findings. */
  'rules.cancel': { input: z.object({}), output: z.object({ cancelled: z.boolean() }) },
  /** Exports a run's findings (default: the latest run) as CSV or NDJSON, with a manifest, into the export history. */
  'findings.export': {
    input: z.object({ runId: id.optional(), format: z.enum(FINDINGS_EXPORT_FORMATS), path: z.string().min(1).max(4096).optional() }),
    output: exportRecordSchema,
  },
  /**
   * Stars, tags or notes one event; only the parts given change (`tags` replaces the list). An
   * event left with no star, tag or note loses its annotation row. Events and hashes are untouched.
   */
  'annotations.set': {
    input: z.object({
      eventId: id,
      starred: z.boolean().optional(),
      tags: z.array(tagSchema).max(ANNOTATION_LIMITS.tagsPerEvent, `at most ${ANNOTATION_LIMITS.tagsPerEvent} tags on one event`).optional(),
      note: z.string().max(ANNOTATION_LIMITS.noteChars, `a note is at most ${ANNOTATION_LIMITS.noteChars} characters`).optional(),
    }),
    output: annotationSchema.extend({ eventId: id }),
  },
  /**
   * Adds or removes one tag on the events listed, or on every event a view selects (a time window,
   * a query): at most ANNOTATION_LIMITS.bulkEvents at once, else nothing changes and the answer says so.
   */
  'annotations.bulkTag': {
    input: z.object({
      tag: tagSchema,
      action: z.enum(['add', 'remove']),
      target: z.union([
        z.object({ eventIds: z.array(id).min(1).max(ANNOTATION_LIMITS.bulkIds) }),
        z.object({ view: viewSchema }),
      ]),
    }),
    output: z.object({ matched: z.number().int().nonnegative(), changed: z.number().int().nonnegative() }),
  },
  /** The tags on a view's events with how many events carry each, most used first (query completion of `tag:`). */
  'annotations.tags': {
    input: z.object({ view: viewSchema, limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.object({ tags: z.array(z.object({ tag: z.string(), count: z.number().int().positive() })) }),
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
  // `workspace`: the workspace file cannot take the work (disk full, read-only); the message says what to do.
  code: z.enum(['invalid_input', 'not_found', 'query_syntax', 'cancelled', 'unauthorized', 'workspace', 'internal']),
  message: z.string(),
  field: z.string().optional(),
  column: z.number().int().optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

/** The source kinds an import can be forced to (the normalisers in main/ingest/sources). */
export const IMPORT_SOURCE_KINDS = ['okta', 'github', 'cloudtrail', 'm365', 'entra', 'portal', 'syslog', 'generic'] as const;
export type ImportSourceKind = (typeof IMPORT_SOURCE_KINDS)[number];

/**
 * Browser-mode file import: `POST /upload?tenantId=…&name=…[&sourceKind=…]` with the token
 * header and the file as the body. Not an RPC call (its input is a byte stream): the answer is
 * NDJSON, one `uploadLineSchema` per line: progress lines, then one `done` or `error` line.
 */
export const UPLOAD_PATH = '/upload';

/**
 * Browser mode: `GET /download?id=…[&file=manifest]` with the token header, or with
 * `&ticket=…` from `exports.downloadTicket` (no header: a plain browser download), streams a
 * finished export (or its manifest) from the history as an attachment; nothing outside the history.
 */
export const DOWNLOAD_PATH = '/download';

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

// The desktop import calls' schemas (referenced lazily from `calls`, which comes first).
const importTargetSchema = z.object({ tenantId: id, sourceKind: z.enum(IMPORT_SOURCE_KINDS).optional() });
/** One summary per file imported, and a sentence per file that could not be (the others still import). */
const desktopImportSchema = z.object({
  summaries: z.array(importSummarySchema),
  failed: z.array(z.object({ fileName: z.string(), message: z.string() })),
});
export type DesktopImportResult = z.infer<typeof desktopImportSchema>;

/** What the desktop bridge's `registerDrop` resolves to: the drop's id and its files' names, or why not. */
export type DropRegistration = { ok: true; dropId: string; fileNames: string[] } | { ok: false; message: string };

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
} & {
  cancel(callId: number): void;
  /** Sync progress as it happens; returns the unsubscribe function. */
  subscribe(listener: (event: SyncEvent) => void): () => void;
  /** Drag-and-drop: hands the dropped File objects' own paths to main (DROP_CHANNEL); the page never sees a path. */
  registerDrop(files: ArrayLike<unknown>): Promise<DropRegistration>;
};

// Forensic queries (issue 11): rules, findings, the SQL console.
export const ruleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  level: z.string(),
  author: z.string(),
  kind: z.enum(['detection', 'correlation', 'sql', 'unsupported', 'invalid']),
  reason: z.string().nullable(),
  file: z.string(),
});
export type RuleSummary = z.output<typeof ruleSummarySchema>;

export const findingSchema = z.object({
  ruleId: z.string(),
  ruleVersion: z.string(),
  title: z.string(),
  level: z.string(),
  /** The rule's author: the Detection Rule License asks that a finding keeps it. */
  author: z.string(),
  tenantId: id,
  ts: epochMs,
  tsEnd: epochMs,
  eventIds: z.array(id),
  /** Correlations: the group-by values and the count, sum or average that met the condition. */
  group: z.record(z.string(), z.string()).nullable(),
  measure: z.number().nullable(),
});
export type Finding = z.output<typeof findingSchema>;

export const ruleRunSchema = z.object({
  /** Null for a cancelled run: it keeps no findings, and the previous run stays the latest. */
  runId: id.nullable(),
  findings: z.array(findingSchema),
  problems: z.array(z.object({ ruleId: z.string(), title: z.string(), reason: z.string() })),
  truncated: z.array(z.string()),
  cancelled: z.boolean(),
  tookMs: z.number(),
});
export type RuleRun = z.output<typeof ruleRunSchema>;

/** A rule run as it goes: rule `done + 1` of `total` is `rule`; `findings` so far when the engine says. */
export const ruleProgressSchema = z.object({
  running: z.boolean(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  rule: z.string().nullable(),
  findings: z.number().int().nonnegative().nullable(),
  startedAt: epochMs.nullable(),
});
export type RuleProgress = z.output<typeof ruleProgressSchema>;

export const sqlResultSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.unknown())),
  truncated: z.boolean(),
  tookMs: z.number(),
});
export type SqlResult = z.output<typeof sqlResultSchema>;

// Presets (issue 11): saved views, and the versioned file they import from and export to.
export const PRESET_RANGE_PRESETS = ['24h', '7d', '30d', '60d', '90d', '180d', 'all'] as const;
export const presetViewSchema = z.object({
  scope: scopeSchema,
  /** A quick range resolved when the preset is applied, or fixed bounds (UTC epoch ms). */
  range: z.union([z.object({ preset: z.enum(PRESET_RANGE_PRESETS) }).strict(), rangeSchema]),
  query: z.string().max(10_000),
  order: z.enum(['newest', 'oldest']).default('newest'),
  columns: z.array(z.string().min(1).max(100)).max(100).optional(),
}).strict();
export const presetSchema = z.object({
  name: z.string().trim().min(1, 'a preset needs a name').max(100),
  description: z.string().max(2000).default(''),
  view: presetViewSchema,
  pinned: z.boolean().default(false),
  startView: z.boolean().default(false),
}).strict();
export type Preset = z.output<typeof presetSchema>;
export const storedPresetSchema = presetSchema.extend({ id, createdAt: epochMs, updatedAt: epochMs });
export type StoredPreset = z.output<typeof storedPresetSchema>;
/** The preset file: `resources/presets.schema.json` is this schema as JSON Schema. */
export const PRESET_FILE_FORMAT = 'trailkeeper-presets';
export const presetFileSchema = z.object({
  format: z.literal(PRESET_FILE_FORMAT),
  version: z.literal(1),
  presets: z.array(presetSchema).max(10_000),
}).strict();

/** A saved console query: its SQL and its `:named` parameters with their defaults. */
export const queryParamSchema = z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), default: z.string().max(10_000) });
export const savedQuerySchema = z.object({ id, name: z.string(), sql: z.string(), params: z.array(queryParamSchema), updatedAt: epochMs });
export type SavedQuery = z.output<typeof savedQuerySchema>;
