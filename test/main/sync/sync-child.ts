/**
 * A child process that syncs one Okta connection from the simulator into a workspace and prints
 * each progress as a JSON line, so a test can SIGKILL it mid-run and start another.
 * Usage: node sync-child.ts <workspace> <okta base URL> <token>
 */
import { openSimSync } from './sim-harness.ts';

const [workspace, baseUrl, token] = process.argv.slice(2) as [string, string, string];
const never = new AbortController().signal;
const sync = await openSimSync(workspace, { engine: { retry: { baseMs: 5, maxMs: 50, maxAttempts: 20 } } });
sync.service.engine.subscribe((p) => process.stdout.write(`${JSON.stringify({ state: p.state, inserted: p.inserted, error: p.error })}\n`));
const existing = (await sync.service.list()).connections.find((c) => c.label === 'Acme');
const connectionId = existing?.id ?? (await sync.service.add({ kind: 'okta', label: 'Acme', baseUrl, options: { pageSize: 200 }, secret: token }, never)).id;
await sync.service.syncNow({ connectionId }, never);
await sync.service.engine.idle();
await sync.close();
process.stdout.write('{"state":"exit"}\n');
