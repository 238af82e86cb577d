/** `--help` text for the command and each subcommand. */
export const GLOBAL_HELP = `Usage: trailkeeper [--workspace PATH] COMMAND [options]

Runs Trailkeeper's own API handlers on a workspace, without a window.

Commands:
  import FILE...            import audit-log files into a tenant
  query QUERY               print the matching events to stdout (NDJSON or CSV)
  export [QUERY]            write an export file and its manifest
  verify MANIFEST           check an export against its manifest (and the workspace, with --workspace)
  verify-workspace          recompute every raw hash and hash chain in the workspace

Options:
  --workspace PATH          the workspace file (default: TRAILKEEPER_WORKSPACE, else the app's)
  -h, --help                this help; "trailkeeper COMMAND --help" for a command

Exit codes: 0 ok, 1 verify found a mismatch, 2 bad command line, 3 input refused,
4 workspace cannot be opened, 5 internal error, 130 interrupted.
`;

const VIEW_OPTIONS = `  --scope SCOPE             all (default), group:NAME, tenant:ID[,ID...], or a tenant's name
  --from TIME --to TIME     UTC range [from, to): 2025-01-31 or 2025-01-31T12:00:00Z
  --order newest|oldest     default newest`;

const CSV_OPTIONS = `  --columns F1,F2,...       CSV: these normalised fields in this order, time first (default: all);
                            names as in the query language or the CSV header (actorEmail, actor_email)
  --raw                     CSV: add the raw JSON as the last column`;

export const COMMAND_HELP: Record<string, string> = {
  import: `Usage: trailkeeper import FILE... [--tenant NAME] [--source KIND]

Imports each file (NDJSON, JSON, CloudTrail, CSV, syslog; plain or .gz) into the tenant NAME,
created under "Imported files" if new. Prints one JSON summary line per file.

  --tenant NAME             default "Command line"
  --source KIND             force the normaliser: okta, github, cloudtrail, m365, syslog, generic
`,
  query: `Usage: trailkeeper query QUERY [options]

Prints every matching event to stdout, no cap: NDJSON (raw text exactly as received, with the
normalised fields beside it) or CSV (as the CSV export). QUERY uses the app's query language;
"" matches everything.

${VIEW_OPTIONS}
  --format ndjson|csv       default ndjson
${CSV_OPTIONS}
`,
  export: `Usage: trailkeeper export [QUERY] --format csv|ndjson|json|syslog|ocsf|ocsf-parquet [options]

Writes the matching events to a file with a manifest beside it (FILE.manifest.json), records
it in the workspace's export history, and prints the history record as JSON.

${VIEW_OPTIONS}
  --format csv|ndjson|json|syslog|ocsf|ocsf-parquet  required (syslog: RFC 5424 lines; ocsf: OCSF 1.x NDJSON;
                            ocsf-parquet: a folder of Hive-partitioned Parquet)
  --out PATH                default: exports/trailkeeper-<scope>-<time>.<ext> beside the workspace
  --fields                  NDJSON and JSON: the normalised fields beside the raw text
${CSV_OPTIONS}
`,
  verify: `Usage: trailkeeper verify MANIFEST [--workspace PATH]

Recomputes the manifest's own sha256 and each file's size and sha256. With --workspace, also
checks every exported event's raw text as the workspace stores it now. Prints the verdict as
JSON; exit 0 when everything matches, 1 with the first mismatch and where.
`,
  'verify-workspace': `Usage: trailkeeper verify-workspace [--workspace PATH]

Recomputes every stored event's raw sha256 and every tenant's hash chain, and re-derives the
normalised fields. Prints the verdict as JSON; exit 0 when intact, 1 naming the first break.
`,
};
