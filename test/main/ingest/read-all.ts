/** Reads a whole audit file through the real importer: every batch, event and problem. */
import type { NormalizedEvent } from '../../../main/domain/event.ts';
import { readAuditFile, type ImportBatch, type ImportProblem, type ReadAuditFileOptions } from '../../../main/ingest/files/read-file.ts';

export async function readAll(
  path: string,
  opts?: ReadAuditFileOptions,
): Promise<{ events: NormalizedEvent[]; problems: ImportProblem[]; batches: ImportBatch[] }> {
  const batches: ImportBatch[] = [];
  for await (const b of readAuditFile(path, opts)) batches.push(b);
  return { events: batches.flatMap((b) => b.events), problems: batches.flatMap((b) => b.problems), batches };
}
