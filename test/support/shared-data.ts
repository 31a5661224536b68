import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The team's larger corpora sit beside the repository (../shared) in development and in CI, not in
 * a fresh clone. Suites that need them run when they are there and say in one line when not.
 */
export const sharedDirectory = resolve(process.cwd(), '..', 'shared');

export function haveShared(relative: string): boolean {
  return existsSync(resolve(sharedDirectory, relative));
}

/** `describe` when ../shared/<relative> is beside the repository; otherwise one line, and the suite is not run. */
export function describeWithShared(relative: string, name: string, suite: () => void): void {
  if (haveShared(relative)) {
    describe(name, suite);
    return;
  }
  console.log(`${name}: not run (../shared/${relative} is not beside the repository)`);
  // The suite's body is not even collected: it may read the missing files while it builds its tests.
  describe.skip(name, () => test(`needs ../shared/${relative}`, () => undefined));
}

export function readJsonLines<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface RealInviteRecord {
  id: string;
  subject: string;
  description: string | null;
  durationMinutes: number | null;
  attendeeCount: number | null;
  recurrence: string | null;
}

/** The unlabelled real-world invites, shaped as Invite input (their calendars gave no start). */
export function realInvites() {
  return readJsonLines<RealInviteRecord>(resolve(sharedDirectory, 'real-invites', 'real-invites.jsonl')).map((record) => ({
    id: record.id,
    subject: record.subject,
    body: record.description ?? '',
    start: '2025-06-02T10:00:00Z',
    durationMinutes: record.durationMinutes ?? 60,
    ...(record.attendeeCount ? { attendeeCount: record.attendeeCount } : {}),
    recurrence: record.recurrence ? record.recurrence.replace(/^RRULE:/, '') : null,
  }));
}
