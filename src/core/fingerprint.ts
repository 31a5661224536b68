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

/**
 * The fingerprint as a SHA-256 hex digest (WebCrypto: the task pane and Node alike): what is kept
 * with feedback, so that the store links feedback to an invite without holding its text.
 */
export async function inviteDigest(invite: Invite): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(inviteFingerprint(invite)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
