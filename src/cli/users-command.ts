import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { calendarAccountSchema } from '../report/report-recipient.js';
import type { Store } from '../store/store.js';
import { isTimeZone } from '../store/user-settings.js';
import { exitCodes, type CliIo } from './io.js';
import { InputError } from './read-invites.js';

/**
 * `users import <file.jsonl>`: upserts users by e-mail, one JSON object a line (DESIGN.md):
 * `{ email, name?, timeZone, calendar: {ics}|{graph}|{google}, optIn? }`. Every bad line is one
 * error naming the file, the line and the field; the good lines are imported all the same, and
 * the exit status is then 2.
 */

export const userImportLineSchema = z.strictObject({
  email: z.email({ message: 'must be an e-mail address' }).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  calendar: calendarAccountSchema,
  // No default here: an absent optIn must not overwrite an existing user's unsubscribe.
  optIn: z.boolean().optional(),
});

export async function usersImportCommand(file: string, store: Store, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let imported = 0;
  let rejected = 0;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      io.stderr(`${where}: not valid JSON`);
      rejected++;
      continue;
    }
    const parsed = userImportLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      io.stderr(`${where}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
      rejected++;
      continue;
    }
    await store.users.upsertByEmail(parsed.data);
    imported++;
  }
  if (imported + rejected === 0) {
    io.stderr(`${file}: no users found (one JSON object a line)`);
    return exitCodes.badInput;
  }
  io.stdout(`${file}: ${imported} user${imported === 1 ? '' : 's'} imported${rejected ? `, ${rejected} line${rejected === 1 ? '' : 's'} rejected` : ''}`);
  return rejected > 0 ? exitCodes.badInput : exitCodes.ok;
}
