/**
 * The bench's yardstick (issue 12): the same rows inserted into a table with only its primary
 * key, in a fresh file with the workspace's durability settings, one transaction per batch. Ingest
 * figures are printed beside their ratio to this rate, so runs on different machines compare.
 * The raw text is a column of the same row (the workspace keeps it in a table of its own).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NormalizedEvent } from '../../main/domain/event.ts';
import { ipToBin } from '../../main/domain/ip.ts';
import { INSERT_COLUMNS, pushEventValues, type SqlValue } from '../../main/store/event-columns.ts';
import { sha256Hex } from '../../main/store/hash.ts';

/** Events per second of insert time for up to `limit` events of `batches`. */
export function bareInsertRate(batches: Iterable<{ events: NormalizedEvent[] }>, limit: number): { rate: number; events: number } {
  const dir = mkdtempSync(join(tmpdir(), 'trailkeeper-bare-'));
  const db = new Database(join(dir, 'bare.sqlite'));
  try {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -65536');
    const columns = [...INSERT_COLUMNS, 'raw'];
    db.exec(`CREATE TABLE bare (id INTEGER PRIMARY KEY, ${columns.join(', ')})`);
    const insert = db.prepare(`INSERT INTO bare (${columns.join(',')}) VALUES (${columns.map(() => '?').join(',')})`);
    const values: SqlValue[] = [];
    let done = 0;
    let ms = 0;
    for (const batch of batches) {
      const events = batch.events.slice(0, limit - done);
      const t0 = performance.now();
      db.transaction(() => {
        for (const e of events) {
          values.length = 0;
          // The hash and the address bytes, as the writer computes them.
          pushEventValues(values, 1, e, e.ip ? ipToBin(e.ip) : null, sha256Hex(e.raw), null, 1);
          values.push(e.raw);
          insert.run(values);
        }
      })();
      ms += performance.now() - t0;
      done += events.length;
      if (done >= limit) break;
    }
    return { rate: (done / ms) * 1000, events: done };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
