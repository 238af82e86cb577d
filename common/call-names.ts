/**
 * The names of every API call and the IPC channel prefix. This file imports nothing: the
 * sandboxed preload bundles it as it is (a sandboxed preload can load no package, so not zod),
 * and `contract.ts` checks at compile time that its schemas name exactly these calls.
 */
export const CALL_NAMES = [
  'app.info',
  'tenants.list',
  'tenants.create',
  'events.page',
  'events.get',
  'events.count',
  'events.histogram',
  'events.topValues',
  'events.seek',
  'integrity.verify',
  'retention.run',
  'connections.list',
  'connections.add',
  'connections.test',
  'connections.setSecret',
  'connections.refreshTenants',
  'tenants.setGroups',
  'tenants.setSyncInterval',
  'tenants.setRetention',
  'tenants.setLegalHold',
  'tenants.retentionPreview',
  'tenants.renameGroup',
  'integrity.start',
  'integrity.status',
  'integrity.cancel',
  'secrets.status',
  'secrets.unlock',
  'sync.start',
  'sync.cancel',
  'sync.status',
  'syslog.start',
  'syslog.stop',
  'syslog.status',
  'exports.start',
  'exports.cancel',
  'exports.list',
  'exports.verify',
  'exports.rerun',
  'exports.reveal',
  'exports.downloadTicket',
  'imports.openDialog',
  'imports.dropped',
  'rules.list',
  'rules.run',
  'findings.list',
  'sql.run',
  'presets.list',
  'presets.save',
  'presets.delete',
  'presets.import',
  'presets.export',
  'queries.list',
  'queries.save',
  'queries.delete',
  'rules.import',
  'rules.progress',
  'rules.cancel',
  'findings.export',
  'annotations.set',
  'annotations.bulkTag',
  'annotations.tags',
] as const;

export type CallName = (typeof CALL_NAMES)[number];

/** Prefix on every IPC channel, so no foreign channel can reach a handler. */
export const IPC_PREFIX = 'trailkeeper:';

/**
 * The one channel the page uses to cancel a call it started: `send(CANCEL_CHANNEL, callId)`.
 * Each call carries a renderer-chosen id for this; the router aborts that call's signal.
 */
export const CANCEL_CHANNEL = `${IPC_PREFIX}cancel`;

/** The global the preload exposes in the Electron renderer. */
export const BRIDGE_GLOBAL = 'trailkeeper';

/**
 * Sync progress as it happens (a subscription, not a call): the page sends SUBSCRIBE_CHANNEL
 * once and receives each progress message on EVENTS_CHANNEL until it sends UNSUBSCRIBE_CHANNEL.
 * Over HTTP the same messages stream from `GET /events` (server-sent events).
 */
export const SUBSCRIBE_CHANNEL = `${IPC_PREFIX}events.subscribe`;
export const UNSUBSCRIBE_CHANNEL = `${IPC_PREFIX}events.unsubscribe`;
export const EVENTS_CHANNEL = `${IPC_PREFIX}events`;

/**
 * Desktop drag-and-drop: the preload sends the paths of the files the user just dropped (read by
 * `webUtils.getPathForFile`, never chosen by the page) on this channel, checked like calls; main
 * answers an opaque drop id that `imports.dropped` takes. No call ever takes a path.
 */
export const DROP_CHANNEL = `${IPC_PREFIX}files.dropped`;
