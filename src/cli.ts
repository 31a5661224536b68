import { parseArgs } from 'node:util';
import { exitCodes, processIo, UsageError, type CliIo } from './cli/io.js';
import type * as Commands from './cli/run-command.js';

/**
 * `invite-challenger`: judge meeting invites from the command line.
 * Exit status: 0 success, 1 runtime failure, 2 bad input or usage (one line on stderr).
 */

const usage = `Usage: invite-challenger <command> [options]

Commands:
  check <file|->…  Judge every invite in .ics, .json or .jsonl files (- reads stdin), then a summary
  eval <file>      Score the judge against the "label"/"sensitive" fields of a .jsonl file
  draft <file|->   Judge each invite and print the async thread that replaces or shortens it
  serve            Run the backend (API, add-in files) on $HOST:$PORT, default 127.0.0.1:3000
  report --ics <file|url> --user <email> --week <YYYY-Www> [--out report.html] [--send] [--time-zone <IANA>]
                   One calendar's weekly report, rendered here; --send mails it (once for the week)
  report --all --week <YYYY-Www> [--send]
                   Every opted-in user's report (pg-boss jobs when DATABASE_URL is PostgreSQL);
                   without --send, composes them and prints each subject
  users import <file.jsonl>
                   Add or update users by e-mail: {"email","name"?,"timeZone","calendar":{"ics"|"graph"|"google"},"optIn"?}
  worker           Deliver weekly reports on schedule (and pg-boss jobs) until stopped

Options:
  --json                        One JSON line per invite: {"id", ...Verdict} (eval: the scores as JSON;
                                draft: {"id", "verdict", "judge", "thread"})
  --judge embedded|llm|hybrid   Which judge to use (default: $JUDGE or embedded)
  -h, --help                    Show this help
  -v, --version                 Show the version

Environment: HOURLY_RATE, CURRENCY, JUDGE, LLM_PROVIDER, LLM_MODEL, LLM_BASE_URL, LLM_API_KEY; for reports
SMTP_URL, MAIL_FROM, DATABASE_URL, PUBLIC_URL, REPORT_SIGNING_SECRET (see .env.example).`;

const optionSpec = {
  json: { type: 'boolean', default: false },
  judge: { type: 'string' },
  ics: { type: 'string' },
  user: { type: 'string' },
  week: { type: 'string' },
  out: { type: 'string' },
  'time-zone': { type: 'string' },
  send: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** The command modules, once a command has loaded them (their error types map to exit status 2). */
let commands: typeof Commands | undefined;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || commands?.isBadInput(error)) {
      io.stderr(`invite-challenger: ${(error as Error).message}`);
      return exitCodes.badInput;
    }
    io.stderr(`invite-challenger: ${error instanceof Error ? error.message : String(error)}`);
    if (io.env.DEBUG) io.stderr(error instanceof Error ? (error.stack ?? '') : '');
    return exitCodes.failure;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  if (values.version) {
    io.stdout(await version());
    return exitCodes.ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(usage);
    return command === undefined && !values.help ? exitCodes.badInput : exitCodes.ok;
  }
  if (!['check', 'eval', 'draft', 'serve', 'report', 'users', 'worker'].includes(command)) {
    throw new UsageError(`unknown command "${command}" (commands: check, eval, draft, serve, report, users, worker; see --help)`);
  }
  commands = await import('./cli/run-command.js');
  return commands.runCommand(command, rest, values, io);
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
