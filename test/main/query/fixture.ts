/** A real workspace schema in memory with a handful of events, for running compiled queries. */
import Database from 'better-sqlite3';
import { ipToBin } from '../../../main/domain/ip.ts';
import type { CompiledQuery } from '../../../main/query/compile.ts';
import { migrate } from '../../../main/store/migrations/index.ts';

export interface FixtureEvent {
  id: number;
  tenant: 1 | 2;
  ts: string;
  category: string;
  action: string;
  activity: string;
  outcome: string;
  severity?: string | null;
  actor_type?: string | null;
  actor_id?: string | null;
  actor_name?: string | null;
  actor_email?: string | null;
  actor_role?: string | null;
  target_type?: string | null;
  target_id?: string | null;
  target_name?: string | null;
  ip?: string | null;
  user_agent?: string | null;
  geo_country?: string | null;
  geo_city?: string | null;
  message?: string | null;
}

export const TENANTS = { 1: 'Acme Corp', 2: 'Globex' } as const;

export const EVENTS: readonly FixtureEvent[] = [
  {
    id: 1, tenant: 1, ts: '2025-01-01T00:00:00.000Z', category: 'auth', action: 'user.session.start',
    activity: 'login', outcome: 'success', severity: 'low', actor_type: 'User', actor_id: 'u1',
    actor_name: 'Alice Smith', actor_email: 'alice@acme.com', actor_role: 'admin', ip: '10.0.0.5',
    user_agent: 'Mozilla/5.0 (X11)', geo_country: 'US', geo_city: 'Boston', message: 'User login succeeded',
  },
  {
    id: 2, tenant: 1, ts: '2025-01-01T23:59:59.999Z', category: 'auth', action: 'user.session.start',
    activity: 'login', outcome: 'failure', severity: 'high', actor_type: 'User', actor_id: 'u2',
    actor_name: 'Bob Jones', actor_email: 'bob@acme.com', ip: '10.1.2.3', user_agent: 'curl/8.5.0',
    geo_country: 'DE', geo_city: 'Berlin', message: 'Failed login: bad password',
  },
  {
    id: 3, tenant: 1, ts: '2025-01-02T00:00:00.000Z', category: 'user', action: 'user.lifecycle.create',
    activity: 'create', outcome: 'success', actor_type: 'User', actor_id: 'u1', actor_name: 'Alice Smith',
    actor_email: 'alice@acme.com', actor_role: 'admin', target_type: 'User', target_id: 'u3',
    target_name: 'Carol White', ip: '2001:db8::1', message: 'Created user carol',
  },
  {
    id: 4, tenant: 2, ts: '2025-01-15T12:00:00.000Z', category: 'config', action: 'policy.rule.update',
    activity: 'update', outcome: 'unknown', severity: 'medium', actor_type: 'Service', actor_id: 'svc-1',
    actor_name: 'Deploy Bot', target_type: 'Policy', target_id: 'pol-9', target_name: 'MFA 50%_off\\x',
    ip: '192.168.1.1', message: 'Policy "MFA" changed',
  },
  {
    id: 5, tenant: 2, ts: '2025-02-01T00:00:00.000Z', category: 'app', action: 'app.user_membership.add',
    activity: 'update', outcome: 'success', actor_type: 'User', actor_id: 'u2', actor_name: '',
    actor_role: '', target_type: 'App', target_id: 'app-7', target_name: 'Salesforce',
  },
  {
    id: 6, tenant: 2, ts: '2024-12-31T23:59:59.000Z', category: 'security', action: 'threat.detected',
    activity: 'other', outcome: 'failure', severity: 'critical', ip: '::ffff:10.0.0.9',
    geo_country: 'NL', message: 'Suspicious sign-in from Tor exit node',
  },
];

const COLUMNS = [
  'severity', 'actor_type', 'actor_id', 'actor_name', 'actor_email', 'actor_role', 'target_type',
  'target_id', 'target_name', 'ip', 'user_agent', 'geo_country', 'geo_city', 'message',
] as const;

/** The document full-text search sees, shaped like the store's (names, then free text). */
export function ftsDoc(e: FixtureEvent): string {
  return [e.action, e.actor_name, e.actor_email, e.target_name, e.message].filter(Boolean).join('\n');
}

export function openFixture(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare(`INSERT INTO connections (id, kind, label, created_at) VALUES (1, 'test', 'Test', 0)`).run();
  const tenant = db.prepare(`INSERT INTO tenants (id, connection_id, external_id, name) VALUES (?, 1, ?, ?)`);
  for (const [id, name] of Object.entries(TENANTS)) tenant.run(Number(id), `ext-${id}`, name);
  const insert = db.prepare(`
    INSERT INTO event_rows (id, tenant_id, source_id, ts, ts_raw, category, action, activity, outcome,
      ${COLUMNS.join(', ')}, ip_bin, raw_sha256, batch_id)
    VALUES (@id, @tenant, @source_id, @tsMs, @ts, @category, @action, @activity, @outcome,
      ${COLUMNS.map((c) => `@${c}`).join(', ')}, @ip_bin, 'x', 1)`);
  const insertRaw = db.prepare(`INSERT INTO event_raw (id, raw) VALUES (?, '{}')`);
  const fts = db.prepare('INSERT INTO events_fts (rowid, doc) VALUES (?, ?)');
  for (const e of EVENTS) {
    const nulls = Object.fromEntries(COLUMNS.map((c) => [c, null]));
    insert.run({
      ...nulls,
      ...e,
      source_id: `src-${e.id}`,
      tsMs: Date.parse(e.ts),
      ip_bin: e.ip ? ipToBin(e.ip) : null,
    });
    insertRaw.run(e.id);
    fts.run(e.id, ftsDoc(e));
  }
  return db;
}

/** Ids of the events a compiled query matches, ascending. */
export function matchIds(db: Database.Database, q: CompiledQuery): number[] {
  const rows = db.prepare(`SELECT e.id AS id FROM events e WHERE ${q.where} ORDER BY e.id`).all(...q.params);
  return (rows as { id: number }[]).map((r) => r.id);
}
