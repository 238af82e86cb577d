/**
 * The view's events grouped by their tenant's source kind and their lower-cased action, read in
 * one scan per rule run. Most rules name the event types they match (prefilter.ts) and every rule
 * names its source kinds, so with this index a rule reads only the events it could match, by
 * rowid, and the pack needs one scan of the view instead of one per rule (docs/design.md §4).
 */
import type { QueryDb } from './run.ts';
import type { SqlParam } from './sql.ts';

export interface EventGroup {
  kind: string;
  action: string;
  /** Ascending. */
  ids: number[];
}

export class ActionIndex {
  private groupsByKind: Map<string, Map<string, number[]>> | null = null;
  private readonly db: QueryDb;
  private readonly viewWhere: string;
  private readonly viewParams: readonly SqlParam[];
  private readonly shouldStop: () => boolean;

  constructor(db: QueryDb, viewWhere: string, viewParams: readonly SqlParam[], shouldStop: () => boolean) {
    this.db = db;
    this.viewWhere = viewWhere;
    this.viewParams = viewParams;
    this.shouldStop = shouldStop;
  }

  /** Every (kind, action) group of the view's events. */
  groups(): EventGroup[] {
    const out: EventGroup[] = [];
    for (const [kind, byAction] of this.index()) for (const [action, ids] of byAction) out.push({ kind, action, ids });
    return out;
  }

  /** The ids of the view's events in tenants of `kinds` whose action is one of `actions` (lower-cased; null: any), ascending. */
  idsFor(kinds: readonly string[], actions: readonly string[] | null): number[] {
    const ids: number[] = [];
    for (const kind of new Set(kinds)) {
      const byAction = this.index().get(kind);
      if (!byAction) continue;
      const lists = actions === null ? [...byAction.values()] : [...new Set(actions)].map((a) => byAction.get(a) ?? []);
      for (const list of lists) for (const id of list) ids.push(id);
    }
    return ids.sort((a, b) => a - b);
  }

  private index(): Map<string, Map<string, number[]>> {
    return (this.groupsByKind ??= this.build());
  }

  private build(): Map<string, Map<string, number[]>> {
    const kindOf = new Map(
      (this.db.prepare('SELECT t.id AS id, coalesce(t.source_kind, c.kind) AS kind FROM tenants t JOIN connections c ON c.id = t.connection_id').all() as { id: number; kind: string }[])
        .map((t) => [t.id, t.kind]),
    );
    const index = new Map<string, Map<string, number[]>>();
    const rows = this.db.prepare(`SELECT e.id AS id, e.tenant_id AS tenantId, lower(e.action) AS action FROM events e WHERE ${this.viewWhere} ORDER BY e.id`);
    let n = 0;
    for (const row of rows.iterate(...this.viewParams) as IterableIterator<{ id: number; tenantId: number; action: string }>) {
      if (++n % 5000 === 0 && this.shouldStop()) throw new ActionIndexStopped();
      const kind = kindOf.get(row.tenantId) ?? '';
      let byAction = index.get(kind);
      if (!byAction) index.set(kind, (byAction = new Map()));
      const list = byAction.get(row.action);
      if (list) list.push(row.id);
      else byAction.set(row.action, [row.id]);
    }
    return index;
  }
}

/** Thrown when the run was asked to stop while the index was being read. */
export class ActionIndexStopped extends Error {}
