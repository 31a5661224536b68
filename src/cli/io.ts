import { once } from 'node:events';
import type { ByteSource } from './read-invites.js';

/** What a command may touch, so tests can run commands in-process and read what they wrote. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin(): ByteSource;
  env: Record<string, string | undefined>;
  /** Resolves once what was written to stdout has drained, so a slow reader slows us, not our memory. */
  flush?(): Promise<void>;
  /** Present only when a person watches stderr: rewrites one status line in place (empty clears it). */
  progress?(line: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  stdin: () => process.stdin,
  env: process.env,
  flush: async () => {
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  },
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r${line}\x1b[K`) } : {}),
};

/** Bad input or usage: exit status 2 with a one-line message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const exitCodes = { ok: 0, failure: 1, badInput: 2 } as const;
