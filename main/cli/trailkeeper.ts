/**
 * The `trailkeeper` command's entry (built as out/main/cli.js; runs from source under Node's
 * type stripping too). Ctrl-C or SIGTERM stops the command cleanly; a second one exits at once.
 */
import { runCli } from './commands.ts';

const abort = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  progress: process.stderr.isTTY === true,
  signal: abort.signal,
});
process.exitCode = code;
