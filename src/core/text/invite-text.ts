import type { Invite } from '../invite.js';
import { RecentlyRead } from '../recently-read.js';
import { htmlToText, looksLikeHtml, tidyLines, withoutInlineTags } from './html-to-text.js';
import { removeHostileInstructions } from './hostile-text.js';
import { stripJoinBoilerplate } from './join-boilerplate.js';
import { keepContentLines, type LineRoleCounts } from './line-roles.js';

/**
 * The text of an invite as the classifier (and the LLM prompt) should read it: HTML flattened;
 * join boilerplate, text aimed at AI reviewers, logistics, headers and signatures removed; and cut to a size that carries any
 * real agenda (a pasted 1 MB e-mail thread adds nothing but time).
 */

export const maxBodyCharacters = 20_000;

export interface InviteText {
  subject: string;
  /** What the meeting is about: the content lines only. */
  body: string;
  /** The body before logistics, headers and signatures were taken out (the sensitivity detector reads it all). */
  fullBody: string;
  /** Text aimed at an AI reviewer was found and removed. */
  hostileTextRemoved: boolean;
  /** The body was longer than `maxBodyCharacters` and was cut. */
  truncated: boolean;
  /** What was taken out of the body before judging: logistics, metadata, headers, signatures, links. */
  removedLines: LineRoleCounts;
}

/**
 * Invites are values: the same object always reads the same. The classifier, the guard and the
 * prompt builder all ask for the text of one invite, so it is read once for the last few invites.
 */
const readTexts = new RecentlyRead<Pick<Invite, 'subject' | 'body'>, InviteText>(16);

export function readInviteText(invite: Pick<Invite, 'subject' | 'body'>): InviteText {
  return readTexts.get(invite, readText);
}

function readText(invite: Pick<Invite, 'subject' | 'body'>): InviteText {
  const raw = invite.body ?? '';
  const html = looksLikeHtml(raw);
  const flat = html ? htmlToText(raw) : tidyLines(withoutInlineTags(raw));
  const withoutJoinText = stripJoinBoilerplate(flat);
  const truncated = withoutJoinText.length > maxBodyCharacters;
  const cut = truncated ? withoutJoinText.slice(0, maxBodyCharacters) : withoutJoinText;
  const withoutHostileText = removeHostileInstructions(cut, { linesAreParagraphs: html });
  const tidySubject = tidyLines(invite.subject);
  const subject = removeHostileInstructions(withoutMailPrefixes(tidySubject.includes('\n') ? tidySubject.replace(/\n/g, ' ') : tidySubject));
  const body = keepContentLines(withoutHostileText.text, subject.text);
  return {
    subject: subject.text,
    body: body.content,
    fullBody: withoutHostileText.text,
    hostileTextRemoved: withoutHostileText.removed || subject.removed,
    truncated,
    removedLines: body.counts,
  };
}

/** "Updated: FW: Weekly sync" → "Weekly sync": calendar and mail prefixes say nothing about the meeting. */
const mailPrefixes =
  /^(?:(?:re|fw|fwd|aw|wg|tr|rv|sv|vs|antw|updated|update|accepted|declined|tentative|canceled|cancelled|invitation|updated invitation|new time proposed|mtg|meeting)\s*:\s*)+/iu;

export function withoutMailPrefixes(subject: string): string {
  // Every prefix ends with ":": a subject without one (most) keeps its text, and the case-folding search is not run.
  if (!subject.includes(':')) return subject;
  const stripped = subject.replace(mailPrefixes, '');
  return stripped === '' ? subject : stripped;
}
