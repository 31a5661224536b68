import { ConfigError, loadConfig, loadServerConfig, type Config } from '../config.js';
import { judgeNames } from '../core/verdict.js';
import { createThreadDrafter } from '../drafting/create-thread-drafter.js';
import type { ThreadDrafter } from '../drafting/thread-drafter.js';
import { createJudge } from '../judge/create-judge.js';
import type { Judge } from '../judge/judge.js';
import { createLazyLlmClient } from '../llm/lazy-llm-client.js';
import { checkCommand } from './check-command.js';
import { draftCommand } from './draft-command.js';
import { evalCommand } from './eval-command.js';
import { UsageError, type CliIo } from './io.js';
import { InputError } from './read-invites.js';

/**
 * The commands themselves, loaded only when one runs: `--help` and `--version` then start as fast
 * as bare Node (the judge, the phrase tries, zod and the AI SDK stay unloaded).
 */

export interface CommandOptions {
  json: boolean;
  judge?: string;
  ics?: string;
  user?: string;
  week?: string;
  out?: string;
  'time-zone'?: string;
  send?: boolean;
  all?: boolean;
}

export async function runCommand(command: string, rest: string[], values: CommandOptions, io: CliIo): Promise<number> {
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
    case 'serve': {
      if (rest.length > 0) throw new UsageError('serve takes no arguments (HOST, PORT and the rest come from the environment)');
      const { serve } = await import('../server/serve.js');
      const server = await serve(loadServerConfig(io.env), io.stdout);
      const signal = await untilStopped();
      io.stdout(`${signal}: closing (requests in flight finish first)`);
      await server.close();
      return 0;
    }
    case 'report': {
      if (rest.length > 0) throw new UsageError(`report takes options only, not "${rest[0]}" (see --help)`);
      const { reportCommand } = await import('./report-command.js');
      const options = { ics: values.ics, user: values.user, week: values.week, out: values.out, timeZone: values['time-zone'], send: values.send ?? false, all: values.all ?? false };
      return reportCommand(options, loadServerConfig(values.judge ? { ...io.env, JUDGE: configFor(values.judge, io).judge } : io.env), io);
    }
    case 'users': {
      if (rest[0] !== 'import' || rest.length !== 2) throw new UsageError('users takes: users import <file.jsonl>');
      const { usersImportCommand } = await import('./users-command.js');
      const config = loadServerConfig(io.env);
      const { openStore } = await import('../store/database.js');
      const store = await openStore({ databaseUrl: config.database.url, sqlitePath: config.database.sqlitePath });
      try {
        return await usersImportCommand(rest[1]!, store, io);
      } finally {
        await store.close();
      }
    }
    case 'worker': {
      if (rest.length > 0) throw new UsageError('worker takes no arguments (DATABASE_URL, SMTP_URL and the rest come from the environment)');
      const { workerCommand } = await import('./worker-command.js');
      return workerCommand(loadServerConfig(io.env), io, untilStopped);
    }
    default:
      throw new UsageError(`unknown command "${command}" (commands: check, eval, draft, serve, report, users, worker; see --help)`);
  }
}

/** Errors that mean bad input or configuration (exit status 2), not a failure of ours. */
export function isBadInput(error: unknown): boolean {
  return error instanceof InputError || error instanceof ConfigError;
}

/** One LLM client for the judge and the drafter, and one warning when the LLM lets us down. */
function wire(config: Config, io: CliIo): { judge: Judge; drafter: ThreadDrafter } {
  const client = config.judge !== 'embedded' && config.llm ? createLazyLlmClient(config.llm) : undefined;
  let warned = false;
  const onFallback = (reason: string) => {
    if (warned) return;
    warned = true;
    io.stderr(`invite-challenger: warning: the LLM was unavailable (${reason}); the offline judge answered`);
  };
  return { judge: createJudge(config, { client, onFallback }), drafter: createThreadDrafter(config, { client }) };
}

/** Resolves with the name of the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
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
