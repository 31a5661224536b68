import { countPeople } from './cost.js';
import type { Invite } from './invite.js';
import { externalAttendees } from './people.js';
import { readInviteText } from './text/invite-text.js';

/**
 * What a judgment depends on, as one string: the cleaned text, length, people and series kind —
 * not the date, the id or the join link. Every occurrence of a recurring series, and an invite
 * edited back and forth, give the same fingerprint, so a cached verdict can be reused.
 */
export function inviteFingerprint(invite: Invite): string {
  const text = readInviteText(invite);
  return JSON.stringify([
    text.subject.replace(/\s+/g, ' ').trim(),
    text.body.replace(/\s+/g, ' ').trim(),
    invite.durationMinutes,
    countPeople(invite),
    externalAttendees(invite).length,
    invite.recurrence ?? null,
    invite.language ?? null,
  ]);
}
