/**
 * Top values the rollups cannot answer are counted in JavaScript (reader.ts countTopValues). They
 * must be what SQL's GROUP BY gave: the same groups (emails folded by ASCII case only, as SQLite's
 * lower() and NOCASE do), the same counts and total, the same order (count descending, then the
 * value in SQLite's order: NULL, numbers, text by UTF-8 bytes), the smallest spelling shown.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FACET_FIELDS } from '../../../common/contract.ts';
import { closeWorkspace, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { topValues } from '../../../main/store/reader.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { viewSql, type View } from '../../../main/store/view-sql.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { makeEvents, removeTempDirs, tempWorkspacePath } from './fixtures.ts';

afterAll(removeTempDirs);

// Case variants, letters outside ASCII (which lower() leaves alone), a character past the BMP
// and one just below it (UTF-16 and UTF-8 order them differently), and no email at all.
const EMAILS = ['ann@x.io', 'Ann@x.io', 'ANN@X.IO', 'Äb@x.io', 'äb@x.io', '\u{1D49C}@x.io', '\uFF21@x.io', 'b@x.io', null];
const ACTIONS = ['user.session.start', 'User.Session.Start', 'app.update', 'Ärger.op', null];

/** What SQL's GROUP BY answered before: the reference. */
function sqlTop(db: ReadDb, view: View, field: (typeof FACET_FIELDS)[number], limit: number) {
  const { where, params } = viewSql(view);
  const column = field === 'tenant' ? 'e.tenant_id' : `e.${field}`;
  const key = field === 'actor_email' ? `lower(${column})` : column;
  const rows = db
    .prepare(`SELECT min(${column}) AS value, count(*) AS n FROM event_rows e WHERE ${where} GROUP BY ${key} ORDER BY n DESC, value LIMIT ?`)
    .all(...params, limit) as { value: string | number | null; n: number }[];
  const total = (db.prepare(`SELECT count(*) AS n FROM event_rows e WHERE ${where}`).get(...params) as { n: number }).n;
  return { rows, total };
}

describe('top values counted in JavaScript', () => {
  it('equal SQL GROUP BY for random events, fields and views', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ email: fc.constantFrom(...EMAILS), action: fc.constantFrom(...ACTIONS), tenant: fc.integer({ min: 0, max: 2 }), failed: fc.boolean() }), { minLength: 1, maxLength: 120 }),
        fc.constantFrom('actor_email', 'tenant', 'outcome', 'actor_name'),
        fc.constantFrom('', 'outcome:failure', 'NOT outcome:failure'),
        fc.integer({ min: 1, max: 12 }),
        (specs, field, query, limit) => {
          const db = openWorkspaceForWrite(tempWorkspacePath());
          try {
            const conn = ensureConnection(db, { kind: 'okta', label: 'T', baseUrl: null });
            const tenants = [0, 1, 2].map((i) => ensureTenant(db, conn, { externalId: `t${i}`, name: `T${i}`, groups: [] }));
            const base = makeEvents(7, specs.length, { prefix: 'tv' });
            const writer = new EventWriter(db);
            specs.forEach((spec, i) => {
              const e = { ...base[i]!, actorEmail: spec.email, actorName: spec.action, outcome: spec.failed ? ('failure' as const) : ('success' as const) };
              writer.ingestBatch({ tenantId: tenants[spec.tenant]!, events: [e] });
            });
            const read = db as unknown as ReadDb;
            const scopes: View['scope'][] = [{ kind: 'all' }, { kind: 'tenants', tenantIds: [tenants[1]!] }];
            for (const scope of scopes) {
              const view: View = { scope, range: { from: null, to: null }, query };
              // The all-tenants email view without a query walks the NOCASE index instead: not this code.
              if (field === 'actor_email' && scope.kind === 'all' && query === '') continue;
              const ours = topValues(read, view, field, limit, { rollups: false });
              const reference = sqlTop(read, view, field, limit);
              expect(ours.total).toBe(reference.total);
              expect(ours.values).toEqual(reference.rows.map((r) => ({ value: r.value === null ? null : field === 'tenant' ? `T${tenants.indexOf(r.value as number)}` : String(r.value), count: r.n })));
            }
          } finally {
            closeWorkspace(db);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
