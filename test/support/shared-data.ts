import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The team's shared data sits beside the repository (../shared), in development and in CI. */
export const sharedDirectory = resolve(process.cwd(), '..', 'shared');

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
