import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { judgeNames } from './core/verdict.js';
import { checkCommand } from './cli/check-command.js';
import { draftCommand } from './cli/draft-command.js';
import { createThreadDrafter } from './drafting/create-thread-drafter.js';
import { evalCommand } from './cli/eval-command.js';
import { exitCodes, processIo, UsageError, type CliIo } from './cli/io.js';
import { InputError } from './cli/read-invites.js';
import { createJudge } from './judge/create-judge.js';
import type { Judge } from './judge/judge.js';
import type { ThreadDrafter } from './drafting/thread-drafter.js';
import { createLlmClient } from './llm/providers.js';

/**
 * `invite-challenger`: judge meeting invites from the command line.
 * Exit status: 0 success, 1 runtime failure, 2 bad input or usage (one line on stderr).
 */

const usage = `Usage: invite-challenger <command> [options]

Commands:
  check <file|->…  Judge every invite in .ics, .json or .jsonl files (- reads stdin), then a summary
  eval <file>      Score the judge against the "label"/"sensitive" fields of a .jsonl file
  draft <file|->   Judge each invite and print the async thread that replaces or shortens it

Options:
  --json                        One JSON line per invite: {"id", ...Verdict} (eval: the scores as JSON;
                                draft: {"id", "verdict", "judge", "thread"})
  --judge embedded|llm|hybrid   Which judge to use (default: $JUDGE or embedded)
  -h, --help                    Show this help
  -v, --version                 Show the version

Environment: HOURLY_RATE, CURRENCY, JUDGE, LLM_PROVIDER, LLM_MODEL, LLM_BASE_URL, LLM_API_KEY (see .env.example).`;

const optionSpec = {
  json: { type: 'boolean', default: false },
  judge: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`invite-challenger: ${error.message}`);
      return exitCodes.badInput;
    }
    if (error instanceof ConfigError) {
      io.stderr(`invite-challenger: ${error.message}`);
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
  switch (command) {
    case 'check': {
      if (rest.length === 0) throw new UsageError('check takes one or more files (or - for stdin)');
      const { judge } = wire(configFor(values.judge, io), io);
      return checkCommand({ files: rest, json: values.json, judge }, io);
    }
    case 'eval': {
      const file = onlyFile(command, rest);
      const { judge } = wire(configFor(values.judge, io), io);
      return evalCommand({ file, json: values.json, judge }, io);
    }
    case 'draft': {
      const file = onlyFile(command, rest);
      const { judge, drafter } = wire(configFor(values.judge, io), io);
      return draftCommand({ file, json: values.json, judge, drafter }, io);
    }
    default:
      throw new UsageError(`unknown command "${command}" (commands: check, eval, draft; see --help)`);
  }
}

/** One LLM client for the judge and the drafter, and one warning when the LLM lets us down. */
function wire(config: Config, io: CliIo): { judge: Judge; drafter: ThreadDrafter } {
  const client = config.judge !== 'embedded' && config.llm ? createLlmClient(config.llm) : undefined;
  let warned = false;
  const onFallback = (reason: string) => {
    if (warned) return;
    warned = true;
    io.stderr(`invite-challenger: warning: the LLM was unavailable (${reason}); the offline judge answered`);
  };
  return { judge: createJudge(config, { client, onFallback }), drafter: createThreadDrafter(config, { client }) };
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
}

function onlyFile(command: string, rest: string[]): string {
  if (rest.length !== 1) throw new UsageError(`${command} takes one file (or - for stdin), got ${rest.length}`);
  return rest[0]!;
}

function configFor(judgeFlag: string | undefined, io: CliIo): Config {
  if (judgeFlag !== undefined && !(judgeNames as readonly string[]).includes(judgeFlag)) {
    throw new UsageError(`--judge must be one of ${judgeNames.join(', ')}, got "${judgeFlag}"`);
  }
  return loadConfig(judgeFlag ? { ...io.env, JUDGE: judgeFlag } : io.env);
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
