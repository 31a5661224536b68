import { extractAgenda, type AgendaCandidate } from '../agenda/extract-agenda.js';
import type { Invite } from '../invite.js';
import { detectLanguage } from '../language.js';
import { readInviteText } from '../text/invite-text.js';
import type { AgendaItem, AgendaKind, AsyncThread, Verdict } from '../verdict.js';
import { formatHours, formatReplyDate, phrasebookFor, type Phrasebook } from './phrasebook.js';

/**
 * The template thread drafter: turns an invite and its verdict into the written thread that
 * replaces the meeting (`async`), or the pre-read that shortens it (`trim`) or prepares it
 * (`keep`). Deterministic and offline: it is the default drafter and the fallback of the LLM one,
 * and it runs in the Outlook task pane, so it touches nothing but its arguments (and the clock,
 * when no `today` is given).
 *
 * Each agenda item becomes a post with a heading, a sentence of context, its owner when the
 * invite names one, and an explicit ask with the reply-by day, all in the invite's language.
 */

export interface DraftOptions {
  /** The day the thread is drafted; the reply-by day is counted from it. Default: now. */
  today?: Date;
}

type ThreadItem = AsyncThread['items'][number];

const headingLength = 80;
const excerptLength = 300;
const titleSubjectLength = 120;

export function draftThreadFromTemplate(invite: Invite, verdict: Verdict, options: DraftOptions = {}): AsyncThread {
  const text = readInviteText(invite);
  const subject = collapse(text.subject);
  const language = detectLanguage(`${subject}\n${text.body}`, invite.language);
  const phrases = phrasebookFor(language);
  const replyBy = replyByDate(invite.start, options.today ?? new Date());
  const replyByText = formatReplyDate(replyBy, language);
  const named = shortenOnWord(subject, titleSubjectLength) || phrases.untitled;

  const chosen = chooseItems(verdict);
  const drafted = chosen.length > 0 ? draftItems(chosen, extractAgenda(text.body).items, phrases, replyByText) : [];
  // A thread that replaces or shortens a meeting needs something to reply to; a pre-read may be empty.
  const needsAnItem = verdict.verdict !== 'keep' && drafted.length === 0;
  const items = needsAnItem ? [itemFromInvite(subject, text.body, phrases, replyByText)] : drafted;

  return {
    title: verdict.verdict === 'async' ? phrases.asyncTitle(named) : phrases.preReadTitle(named),
    intro: intro(invite, verdict, phrases, named, replyByText),
    items,
    replyBy,
    recipients: recipientsOf(invite),
    source: 'template',
  };
}

/**
 * The agenda entries that go into the thread, in agenda order. For `async`, every entry but
 * filler: an "other" entry is usually an item of the organiser's list that simply carries no cue
 * ("Budget spend", "Key box codes") and belongs in the thread; only an empty line, "AOB" or a
 * "Welcome" is left out. A sensitive entry is never written up for a group thread.
 */
function chooseItems(verdict: Verdict): AgendaItem[] {
  const usable = verdict.agenda.filter((item) => item.kind !== 'sensitive' && hasWords(item.text));
  switch (verdict.verdict) {
    case 'async':
      return usable.filter((item) => item.kind !== 'other' || !isFiller(item.text));
    case 'trim': {
      const moved = new Set(verdict.suggestion?.asyncItems ?? []);
      const listed = usable.filter((item) => moved.has(verdict.agenda.indexOf(item)));
      return listed.length > 0 ? listed : usable.filter((item) => item.kind === 'info');
    }
    case 'keep':
      return usable.filter((item) => item.kind === 'info');
  }
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Agenda lines that frame a meeting rather than say anything, in the supported languages. */
const filler =
  /^(?:aob|a\.o\.b\.?|any other business|other business|misc(?:ellaneous)?|welcome(?: and intro(?:duction)?s)?|intro(?:duction)?s?|wrap[- ]?up|close|closing|q ?& ?a|ruegos y preguntas|varios|bienvenida|verschiedenes|sonstiges|begrüßung|divers|questions diverses|accueil|tour de table|assuntos gerais|diversos|boas-vindas|rondvraag|wvttk|varia|welkom|varie(?: ed eventuali)?|benvenuto|その他|質疑応答)$/iu;

function isFiller(text: string): boolean {
  return filler.test(text.replace(/\s*[([]?\d{1,3}\s*(?:min\p{L}*|['’])[)\]]?\s*$/iu, '').replace(/[\s.:;,–—-]+$/u, '').trim());
}

function draftItems(chosen: AgendaItem[], candidates: AgendaCandidate[], phrases: Phrasebook, replyBy: string): ThreadItem[] {
  const items: ThreadItem[] = [];
  for (const entry of chosen) {
    const candidate = matchCandidate(entry.text, candidates);
    // The extracted text is the organiser's full line; the verdict's may be cut short.
    const full = plainText(candidate?.text ?? entry.text);
    if (!full) continue;
    const owner = candidate ? candidate.owner : ownerOf(full);
    const heading = headingOf(full, owner) || shortenOnWord(capitalise(full), headingLength);
    const context = endSentence(capitalise(full), phrases);
    const body = entry.kind === 'info' ? `${context}${phrases.sentenceGap}${phrases.postUpdate(owner)}` : context;
    items.push({ heading, body, ...(owner ? { owner } : {}), ask: askFor(entry.kind, phrases, replyBy) });
  }
  return items;
}

/** The single item of an invite with no agenda: its subject and the start of its description. */
function itemFromInvite(subject: string, body: string, phrases: Phrasebook, replyBy: string): ThreadItem {
  const excerpt = shortenOnWord(collapse(body.replace(meetingLink, ' ')), excerptLength);
  return {
    heading: shortenOnWord(subject, headingLength) || phrases.untitled,
    body: excerpt || phrases.noAgenda,
    ask: phrases.askOther(replyBy),
  };
}

function askFor(kind: AgendaKind, phrases: Phrasebook, replyBy: string): string {
  switch (kind) {
    case 'info':
      return phrases.askInfo(replyBy);
    case 'decision':
      return phrases.askDecision(replyBy);
    case 'discussion':
      return phrases.askDiscussion(replyBy);
    default:
      return phrases.askOther(replyBy);
  }
}

function intro(invite: Invite, verdict: Verdict, phrases: Phrasebook, subject: string, replyBy: string): string {
  const parts = { subject, replyBy };
  const personHours = verdict.cost.personHours;
  if (verdict.verdict === 'async') return withTimeBack(phrases.asyncIntro(parts), personHours, phrases);
  if (verdict.verdict === 'keep') return phrases.keepIntro(parts);
  const minutes = verdict.cost.minutes || invite.durationMinutes;
  const keepMinutes = verdict.suggestion?.keepMinutes ?? Math.max(5, Math.round(minutes / 10) * 5);
  // A trimmed meeting gives back only the minutes it no longer takes.
  const saved = minutes > 0 ? (personHours * Math.max(0, minutes - keepMinutes)) / minutes : 0;
  return withTimeBack(phrases.trimIntro({ ...parts, keepMinutes }), saved, phrases);
}

function withTimeBack(sentence: string, personHours: number, phrases: Phrasebook): string {
  if (!(personHours > 0)) return sentence;
  return `${sentence}${phrases.sentenceGap}${phrases.timeBack(formatHours(personHours, phrases.language))}`;
}

// ---------------------------------------------------------------------------------------------
// Reply-by day

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The meeting's own day when people still have a working day to reply before it; otherwise two
 * working days from today. Both are dates in the meeting's own offset, so "tomorrow" means
 * tomorrow where the meeting takes place.
 */
export function replyByDate(start: string, today: Date): string {
  const meetingDay = start.slice(0, 10);
  const todayThere = isoDay(new Date(today.getTime() + offsetMinutes(start) * 60_000));
  return meetingDay >= addWorkingDays(todayThere, 1) ? meetingDay : addWorkingDays(todayThere, 2);
}

function offsetMinutes(start: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(start);
  if (!match) return 0; // "Z"
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function addWorkingDays(isoDate: string, count: number): string {
  let time = Date.parse(`${isoDate}T00:00:00Z`);
  let added = 0;
  while (added < count) {
    time += dayMs;
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6) added++;
  }
  return isoDay(new Date(time));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Recipients

/** The people invited, each once, without rooms and without the organiser (who posts the thread). */
function recipientsOf(invite: Invite): string[] {
  const organizer = invite.organizer?.email.trim().toLowerCase();
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const attendee of invite.attendees) {
    if (attendee.type === 'resource') continue;
    const email = attendee.email.trim();
    const key = email.toLowerCase();
    if (!email || key === organizer || seen.has(key)) continue;
    seen.add(key);
    recipients.push(email);
  }
  return recipients;
}

// ---------------------------------------------------------------------------------------------
// Item text

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/…$/u, '').trim();
}

/** The line of the invite a verdict item came from; verdicts may shorten long lines with "…". */
function matchCandidate(text: string, candidates: AgendaCandidate[]): AgendaCandidate | undefined {
  const wanted = normalise(text);
  if (!wanted) return undefined;
  const exact = candidates.find((candidate) => normalise(candidate.text) === wanted);
  if (exact) return exact;
  return text.trimEnd().endsWith('…') ? candidates.find((candidate) => normalise(candidate.text).startsWith(wanted)) : undefined;
}

/** An item the invite does not hold as written (a judge rephrased it): read its owner from it. */
function ownerOf(text: string): string | undefined {
  const items = extractAgenda(text).items;
  return items.length === 1 ? items[0]!.owner : undefined;
}

const meetingLink = /\bhttps?:\/\/\S*(?:zoom\.us|teams\.microsoft\.com|meet\.google\.com|webex\.com|gotomeet)\S*/giu;

/**
 * An agenda text as plain text on one line. Texts from the embedded judge are clean already; a
 * text from another judge may carry markup or a join link, and is cleaned the same way as a body.
 */
function plainText(text: string): string {
  const cleaned = /[<&]/.test(text) || /https?:/i.test(text) ? readInviteText({ subject: '', body: text }).body : text;
  return collapse(cleaned.replace(meetingLink, ' '));
}

const tagWords =
  'fyi|info|for info(?:rmation)?|zur info|zur kenntnis|pour info(?:rmation)?|ter info(?:rmatie)?|per info|informativo|informativa|para informaci[oó]n|para informa[cç][aã]o|decision|decide|for decision|to decide|discuss(?:ion)?|for discussion|aob|tbc|tbd';
const trailingTag = new RegExp(String.raw`\s*(?:[–—-]\s*(?:${tagWords})|[([]\s*(?:${tagWords})\s*[)\]])\s*$`, 'iu');
const trailingMinutes = /\s*(?:[–—-]\s*|[([]\s*)\d{1,3}\s*(?:min\p{L}*|['’])\s*[)\]]?\s*$/iu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * "Hiring update – info" → "Hiring update"; "Incident stats (Marcus, 5 min)" → "Incident stats";
 * "Sprint progress – KAT" → "Sprint progress": the heading says what the item is, the owner and
 * the kind are shown elsewhere. Cut to about 80 characters on a word boundary.
 */
function headingOf(text: string, owner: string | undefined): string {
  const ownerTags: RegExp[] = [];
  if (owner) {
    const name = escapeRegExp(owner);
    ownerTags.push(
      new RegExp(String.raw`\s*[–—-]\s*${name}\s*$`, 'u'),
      new RegExp(String.raw`\s*[([][^)\]]*${name}[^)\]]*[)\]]\s*$`, 'u'),
      new RegExp(String.raw`\s*\b(?:owner|lead|presenter)\s*:\s*${name}\s*$`, 'iu'),
    );
  }
  let heading = firstSentence(text);
  for (let pass = 0; pass < 3; pass++) {
    const before = heading;
    for (const tag of [...ownerTags, trailingTag, trailingMinutes]) heading = heading.replace(tag, '');
    if (heading === before) break;
  }
  heading = heading.replace(/[\s.:;,–—-]+$/u, '').replace(/[。、]+$/u, '');
  return shortenOnWord(capitalise(heading), headingLength);
}

/** A heading is the first sentence of an item written as several: the body carries the rest. */
function firstSentence(text: string): string {
  const first = text.split(/(?<=[.!?])\s+(?=\p{Lu})|(?<=[。！？])/u)[0] ?? text;
  return first.length >= 8 && first.length < text.length ? first : text;
}

/** "wie jede Woche …" → "Wie jede Woche …": a heading and a sentence start with a capital. */
function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function endSentence(text: string, phrases: Phrasebook): string {
  return /[.!?…。！？]$/u.test(text) ? text : `${text.replace(/[\s:;,–—-]+$/u, '')}${phrases.fullStop}`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cut to `length` characters at the last word break (any character in scripts without spaces). */
function shortenOnWord(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const atWord = lastSpace >= length / 2 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.replace(/[\s.,:;–—-]+$/u, '')}…`;
}
