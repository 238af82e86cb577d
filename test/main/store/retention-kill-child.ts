/**
 * Retention kill helper: `node retention-kill-child.ts <workspace> <startDay>`. Purges the
 * workspace's tenants day by day from <startDay> on (retention 1 day, `now` one day later each
 * round), printing `running` first and `purged <day>` after each round, then idles until killed.
 */
import { openWorkspaceForWrite } from '../../../main/store/open.ts';
import { purgeExpired } from '../../../main/store/retention.ts';

const [workspace, startDayText] = process.argv.slice(2);
if (!workspace || !startDayText) {
  process.stderr.write('usage: retention-kill-child.ts <workspace> <startDay>\n');
  process.exit(2);
}
const DAY = 86_400_000;
const db = openWorkspaceForWrite(workspace);
db.prepare('UPDATE tenants SET retention_days = 1').run();
process.stdout.write('running\n');
for (let day = Number(startDayText); day < 64; day++) {
  // Half a day past each midnight, so every cutoff falls inside a day's rollup rows.
  purgeExpired(db, Date.UTC(2025, 0, 1) + day * DAY + DAY / 2);
  process.stdout.write(`purged ${day}\n`);
}
setInterval(() => {}, 1_000);
