#!/usr/bin/env node
/**
 * `node scripts/node-small-arenas.mjs <node arguments…>`: runs Node with those arguments in a child
 * process whose C library keeps at most two malloc arenas (MALLOC_ARENA_MAX=2, unless the caller
 * set it), passing stdio, the exit code and a terminating signal through.
 *
 * Why: a workspace is served by SQLite on five threads (the writer, two readers, the rows lane and
 * a spare). glibc gives threads that allocate at once arenas of their own and keeps what they
 * free in them: at 1,000,000 events that was about 110 MiB of the store bench's peak RSS (751 →
 * 640 MiB), with ingest and queries as fast. The variable is read once, when a process starts, so
 * whoever starts the process has to set it; C libraries other than glibc ignore it.
 */
import { spawn } from 'node:child_process';
import process from 'node:process';

const child = spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit', env: { MALLOC_ARENA_MAX: '2', ...process.env } });
// Ctrl+C reaches the child from the terminal itself; a SIGTERM sent to this process is passed on.
const onInterrupt = () => {};
const onTerminate = () => child.kill('SIGTERM');
process.on('SIGINT', onInterrupt);
process.on('SIGTERM', onTerminate);
child.on('error', (error) => {
  process.stderr.write(`Could not start Node (${process.execPath}): ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.off('SIGINT', onInterrupt);
  process.off('SIGTERM', onTerminate);
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
