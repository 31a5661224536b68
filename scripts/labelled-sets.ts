import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInvite, type Invite } from '../src/core/invite.js';
import type { VerdictKind } from '../src/core/verdict.js';

/**
 * The labelled invites the decision model learns from and is measured on:
 * - real calendar items (test/fixtures/real): texts collected from public sources, plus the
 *   team's shared real invites (../shared/real-invites, read in place, never copied), each
 *   labelled twice blind; only the items both labellers agreed on are used;
 * - synthetic invites: the shared development set and the two blind-written fixture sets.
 */

export interface LabelledInvite {
  id: string;
  set: 'real' | 'synthetic';
  invite: Invite;
  label: VerdictKind;
  sensitive: boolean;
}

/** Scripts run from source (tsx, Jest): the project is the folder above this one. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDirectory = resolve(projectRoot, '..', 'shared');
export const realDirectory = join(projectRoot, 'test', 'fixtures', 'real');

function readJsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A real record ({subject, description, durationMinutes, attendeeCount, recurrence}) as an Invite. */
export function realRecordToInvite(record: Record<string, unknown>): Invite {
  const recurrence = typeof record.recurrence === 'string' ? record.recurrence.replace(/^RRULE:/i, '') : null;
  return parseInvite({
    id: record.id,
    subject: record.subject ?? '',
    body: record.description ?? '',
    start: '2025-06-02T10:00:00Z',
    durationMinutes: typeof record.durationMinutes === 'number' && record.durationMinutes > 0 ? record.durationMinutes : 60,
    ...(typeof record.attendeeCount === 'number' && record.attendeeCount > 0 ? { attendeeCount: record.attendeeCount } : {}),
    recurrence: recurrence && /^(daily|weekly|biweekly|monthly)$|^FREQ=/i.test(recurrence) ? recurrence : null,
  });
}

export interface RealLabel {
  id: string;
  /** Present when both labellers agreed. */
  label?: VerdictKind;
  sensitive?: boolean;
  labellers: { label: VerdictKind; sensitive: boolean }[];
}

export function readRealLabels(): RealLabel[] {
  return readJsonLines(join(realDirectory, 'labels.jsonl')) as unknown as RealLabel[];
}

/** Texts of the real items: the project's own collection, and the shared set when it is beside us. */
export function readRealTexts(): Map<string, Invite> {
  const texts = new Map<string, Invite>();
  const files = readdirSync(realDirectory).filter((name) => name.startsWith('collected-') && name.endsWith('.jsonl')).map((name) => join(realDirectory, name));
  const shared = join(sharedDirectory, 'real-invites', 'real-invites.jsonl');
  if (existsSync(shared)) files.push(shared);
  for (const file of files) for (const record of readJsonLines(file)) texts.set(String(record.id), realRecordToInvite(record));
  return texts;
}

export function realSet(): LabelledInvite[] {
  const texts = readRealTexts();
  return readRealLabels()
    .filter((entry) => entry.label !== undefined && texts.has(entry.id))
    .map((entry) => ({ id: entry.id, set: 'real', invite: texts.get(entry.id)!, label: entry.label!, sensitive: entry.sensitive ?? false }));
}

export function syntheticSet(): LabelledInvite[] {
  const files = [
    join(sharedDirectory, 'invites', 'dev-invites.jsonl'),
    join(projectRoot, 'test', 'fixtures', 'labelled-invites.jsonl'),
    join(projectRoot, 'test', 'fixtures', 'held-out-invites.jsonl'),
  ].filter((file) => existsSync(file));
  return files.flatMap((file) =>
    readJsonLines(file).map((record) => ({
      id: String(record.id),
      set: 'synthetic' as const,
      invite: parseInvite(record),
      label: record.label as VerdictKind,
      sensitive: record.sensitive === true,
    })),
  );
}
