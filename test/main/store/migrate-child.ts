/**
 * Migration kill helper: `node migrate-child.ts <workspace>`. Prints `opening`, opens the
 * workspace for write (which runs the pending migrations), prints `migrated <ms>`, then idles
 * until the test kills it.
 */
import { openWorkspaceForWrite } from '../../../main/store/open.ts';

const [workspace] = process.argv.slice(2);
if (!workspace) {
  process.stderr.write('usage: migrate-child.ts <workspace>\n');
  process.exit(2);
}
process.stdout.write('opening\n');
const t0 = performance.now();
openWorkspaceForWrite(workspace);
process.stdout.write(`migrated ${Math.round(performance.now() - t0)}\n`);
setInterval(() => {}, 1_000);
