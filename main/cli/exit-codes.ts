/** The command line's exit codes, which scripts may rely on (README, "Command line"). */
export const EXIT = {
  /** Done; for verify and verify-workspace: everything matches. */
  ok: 0,
  /** verify or verify-workspace found a mismatch (it is printed). */
  mismatch: 1,
  /** The command line itself is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** The input was refused: a query mistake, a file that cannot be imported, a bad path. */
  input: 3,
  /** The workspace cannot be opened (not a Trailkeeper workspace, corrupt, newer, no permission). */
  workspace: 4,
  /** Anything else (the message says what). */
  internal: 5,
  /** Stopped by Ctrl-C or SIGTERM; an export in progress leaves no file under its final name. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with the exit code and sentence the command line reports. */
export class CliError extends Error {
  readonly code: ExitCode;
  constructor(code: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}
