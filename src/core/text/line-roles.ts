/**
 * Real invites are mostly logistics: room changes, "please accept", dial-in details, links,
 * forwarded-mail headers, signatures, "Date:/Location:/Notes:" fields and "who takes minutes?".
 * Their words ("minutes", "numbers", "reminder", "discuss" inside a URL) must never be read as
 * agenda cues. This pass gives each line a role and keeps only the content; the counts of what
 * it removed are signals in their own right (an invite that is all logistics says nothing).
 */

import { byFirstLetter } from './first-letter.js';
import { lettersAndDigits } from './letters.js';
import { lineBreak, twoSpaces } from './plain-searches.js';
import { atWordStart } from './word-start.js';

export type LineRole = 'content' | 'logistics' | 'metadata' | 'ceremony' | 'header' | 'signature' | 'people';

export interface LineRoleCounts {
  logistics: number;
  metadata: number;
  ceremony: number;
  header: number;
  signature: number;
  people: number;
  links: number;
  /** Paragraphs dropped because the same text came earlier (forwarded copies). */
  repeats: number;
}

export interface ContentText {
  /** The body with only content lines left. */
  content: string;
  counts: LineRoleCounts;
}

/** A field label with its value: "Date: 12 May", "Location - Room 4", "Notes: https://…". */
const metadataField = new RegExp(
  String.raw`^(?:[a-zà-ÿ-]+\s+){0,2}?(?:date|time|times?|when|where|location|place|venue|room|rooms?|building|dial[- ]?in|bridge|bridge line|call[- ]?in|conference (?:line|number|call)|phone|tel|telephone|passcode|password|pin|host code|participant code|leader code|meeting (?:link|url|notes?|id|number|recording|minutes|doc(?:ument)?)|notes?(?: doc(?:ument)?| link)?|minutes|minutes doc(?:ument)?|agenda (?:doc(?:ument)?|link)|zoom(?: link)?|webex|hangouts?|google meet|teams link|jitsi|livestream(?: link)?|stream|youtube|recording|recordings?|slides?|video|chairs?|co-?chairs?|facilitators?|moderators?|hosts?|scribes?|note[- ]?takers?|minute[- ]?takers?|organi[sz]ers?|calendar|ics|recurrence|frequency|duration|rsvp|contact|contacts|mailing list|chat|slack|irc|matrix|discord|channel|github|issue|tracking issue|timezone|time zone|utc|ort|raum|lieu|salle|sala|lugar|fecha|hora|datum|uhrzeit|zeit|locatie|tijd|data|orario|日時|場所|会議室)\s*(?:\([^)]{0,40}\))?\s*[:：=|–—-]\s*`,
  'i',
);
/**
 * A field label needs a separator after it (":", "：", "=", "|", "–", "—" or " - "): most lines
 * have none and skip the long pattern. One short expression: on lines, seven plain searches
 * cost about three times as much (each search is a call of its own).
 */
const fieldSeparator = /[:：=|–—]| - /;
const hasFieldSeparator = (line: string) => fieldSeparator.test(line);
/** Ritual agenda lines that every meeting of a body has; they say nothing about what it is for. */
const ceremonyLine = new RegExp(
  String.raw`^(?:(?:opening|welcome|introductions?|intros?|roll ?call|taking (?:the )?(?:minutes|notes)|minutes scribe|scribe|attendance|apologies|agenda (?:bashing|review|adoption)|adoption of (?:the )?agenda|approval of (?:the )?(?:agenda|minutes)|approve (?:the )?(?:agenda|minutes)|review of (?:the )?(?:agenda|minutes)|(?:previous|last) (?:meeting(?:'s)? )?minutes|minutes of (?:the )?(?:last|previous) meeting|who (?:takes|will take|is taking) (?:the )?(?:minutes|notes)|volunteer (?:for )?(?:note[- ]?taker|scribe)|(?:note[- ]?taker|scribe) (?:volunteer|needed)|next meeting|date of next meeting|aob|any other business|a\.o\.b\.?|closing|close|adjourn(?:ment)?|wrap[- ]?up|end)(?:\s*(?:and|&|,|/)\s*(?:welcome|introductions?|intros?|agenda(?: review| bashing)?|apologies|roll ?call|next steps|next meeting|close|closing|wrap[- ]?up|aob|any other business|approval of (?:the )?minutes|minutes))*(?:\s+(?:remarks|of (?:the )?(?:last|previous) meeting|from the chairs?))?(?:\s*(?:\(\s*\d+\s*min\w*\s*\)|[-–]\s*\d+\s*min\w*|\([\w .'’-]{1,30}\)))?[\s.:!?-]*$)`,
  'i',
);
/**
 * Lines about where, when and how to attend rather than what the meeting is for (the few that
 * must open the line first, then the phrases that start a word). Exported for the test that the
 * regrouped expression below matches the same lines.
 */
export const logisticsPhrases = [
  String.raw`^(?:reminder|friendly reminder|just a reminder)\b[^.!?]{0,60}$`,
  String.raw`^\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?\s*(?:utc|gmt|pst|pdt|est|edt|cet|cest|et|pt)\b`,
  String.raw`^\*~\*~|^when:|^where:`,
  atWordStart([
    String.raw`please plan to (?:attend|be there|join|be present)\b|i(?:'ve| have) (?:reserved|booked)\b|reserved (?:the )?(?:room|conference room|bridge)\b|(?:time|date|location|room)(?: and (?:date|time|location|room))? change\b|bridge line\b`,
    String.raw`we(?:'re| are| will be) (?:having|holding) (?:a|the|our) (?:meeting|call|session)s?\b|bring your own (?:lunch|laptop|device)\b`,
    String.raw`(?:please|pls|kindly)\s+(?:accept|decline|attend|rsvp|respond|reply|confirm|register|note|let (?:me|us) know|forward|call|dial|join|mark your calendars?|be on time|bring (?:your|a) (?:laptop|badge|lunch))`,
    String.raw`(?:has|have|had) been (?:moved|rescheduled|changed|cancell?ed|postponed|re-?booked|relocated|added)\b`,
    String.raw`(?:will|shall) (?:now )?be (?:held|in|moved|rescheduled|cancell?ed|postponed|relocated)\b`,
    String.raw`(?:new|different|updated|revised|changed?) (?:time|date|location|room|venue|dial[- ]?in|bridge|call[- ]?in number)\b`,
    String.raw`(?:conference|meeting|board|training) room\b|(?:room|rm\.?|bldg\.?|building|floor|suite|eb|ecs)\s*#?\s*\d`,
    String.raw`(?:lunch|breakfast|dinner|refreshments|food|snacks|pizza|coffee) (?:will be|is) (?:provided|served|available)\b`,
    String.raw`(?:this|the) (?:meeting|call|session) (?:is|will be) (?:held|at|on|in|from)\b`,
    String.raw`(?:call|dial)[- ]?in (?:number|details|info(?:rmation)?)\b|toll[- ]free\b|participant (?:code|pin)\b`,
    String.raw`(?:set up|book|reserve|get) (?:a|the) (?:room|conference room|bridge|call[- ]?in)\b`,
    String.raw`(?:time zones?|timezone)\b.{0,40}\b(?:utc|gmt|pst|pdt|est|edt|cet|cest)\b`,
    String.raw`if you (?:have any questions|cannot attend|can't attend|can not attend|are unable to attend)\b`,
    String.raw`(?:add(?:ed)? to|on) (?:your|the) calendar\b|calendar (?:invite|invitation|entry)\b|invite list\b`,
    String.raw`note: the gmt offset\b|see (?:the )?(?:attached|below) (?:map|directions)\b`,
  ]),
].join('|');
/** Regrouped by first letter: a word start is tried against the few phrases of its letter (about 2x faster). */
const logisticsLine = new RegExp(byFirstLetter(logisticsPhrases), 'i');
/** Forwarded mail headers: the line's start says so. */
const headerLine = new RegExp(
  [
    String.raw`^-*\s*(?:inline attachment follows|original (?:message|appointment)|forwarded (?:by|message)|message d'origine)`,
    String.raw`^(?:from|sent|to|cc|bcc|date|subject|importance|sensitivity|priority)\s*:`,
    String.raw`^(?:on .{5,80} wrote:|le .{5,80} a écrit\s*:|am .{5,80} schrieb .{0,40}:)$`,
  ].join('|'),
  'i',
);
/** Exchange export debris: an Exchange address, or a name with its Exchange unit ("Jeff Skilling/HOU/ECT"). Both hold a "/". */
const exchangeDebris = new RegExp([String.raw`</?o=[\w-]+/ou=`, String.raw`^[\w.'-]+(?: [\w.'-]+){0,3}/(?:hou|na|corp|enron|ect|ees|ei)\b`].join('|'), 'i');
/** The start of a sign-off: everything after it in the same paragraph is a signature. */
const signOff = /^(?:thanks?(?: you)?(?: (?:all|everyone|again|so much|in advance))?|many thanks|thx|regards|best(?: regards| wishes)?|kind regards|warm regards|cheers|sincerely|talk soon|see you(?: there| then)?|--|—|saludos|un saludo|atentamente|gracias|mit freundlichen grüßen|viele grüße|grüße|danke|cordialement|bien à vous|merci|atenciosamente|obrigad[oa]|abraços?|met vriendelijke groet|groeten|bedankt|cordiali saluti|grazie|よろしくお願いします|以上)\b[\s!.,:;-]*$/i;
/** "Hi all,", "Dear team,", "Hallo zusammen,", "各位": mail furniture like a signature. */
const greeting = /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hola|buenos días|buenas|estimad[oa]s?|hallo|liebe[rs]?|guten (?:morgen|tag)|sehr geehrte[rn]?|bonjour|salut|chers?|chères?|olá|oi|bom dia|prezad[oa]s?|beste|hoi|goedemorgen|ciao|buongiorno|gentil[ei]|car[ie])\b[^.!?]{0,40}[,!:]?$|^(?:各位|皆様|皆さん|お疲れ様です)[。、]?$/i;
/** An extension, a title line or a name on its own at the end of a paragraph. */
const signatureDetail = /^(?:x\s?\d{3,6}|ext\.? ?\d{3,6}|\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}|[\w.+-]+@[\w.-]+|(?:sr\.?|senior|executive|administrative)?\s*(?:admin(?:istrative)?(?: assistant| coordinator)?|assistant|coordinator|director|manager|vice president|vp|analyst|specialist|secretary)\b.{0,40})$/i;
const nameOnly = /^(?:[\p{Lu}][\p{L}'’.-]*\.?)(?: [\p{Lu}][\p{L}'’.-]*\.?){0,3}(?:\s*[/&,]\s*[\p{Lu}][\p{L}'’.-]*\.?){0,2}$/u;
/** "Attendees: Anthony Dayao" style lists: a line that is only a person's name inside a list of them. */
const personList = /^(?:attendees|participants|invitees|interviewers?|panel(?:ists)?|required|optional|speakers?)\b[^:]{0,40}:?\s*$/i;
/**
 * The expressions above that read only a line's opening, joined: one test rules them all out for
 * most lines (each test is a call of its own and costs about as much as the union). Every one of
 * them is anchored at the line's start and has the same flags, so the union matches exactly the
 * lines one of them matches.
 */
const mayOpenLikeFixedRole = new RegExp([personList, headerLine, signOff, greeting, ceremonyLine, signatureDetail].map((expression) => expression.source).join('|'), 'i');
/** Bullets, numbers and time boxes in front of a line: the role is read from the words after them. */
const listMarker = /^[\s•·*\-–>#|]*(?:\(?\d{1,2}[.)]\s+|\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm))?(?:\s*[-–]\s*\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm))?)?\s*[-–:|]?\s*)?/i;
/** Markdown debris: links keep their label, emphasis and heading marks go, "[ 0:00 ]" timestamps go. */
const markdownLink = /!?\[([^\]]*)\]\([^)]*\)/g;
const markdownMarks = /\*\*|__|^#{1,6}\s+|\[\s*\d{1,2}:\d{2}\s*\]/gm;
/** A markdown link holds "](", a URL "/" or "www.", a markdown mark "*", "_", "#" or "[": one scan finds any of them. */
const linkOrMarkCharacter = /[\]/*_#[]|www\./;
/** Every markdown mark holds "*", "_", "#" or "[". */
const mayHoldMarkdown = (line: string) => line.includes('*') || line.includes('_') || line.includes('#') || line.includes('[');
/** A line that is only the label of a link to material: "[Minutes](…)", "Link to slides", "Video recording". */
const linkLabel = /^(?:link to |watch |see |view |join )?(?:the )?(?:video |meeting |zoom |youtube )?(?:recording|slides?|minutes|notes|agenda(?: doc(?:ument)?)?|livestream|stream|chat|doc(?:ument)?|deck|guide|here|link|issue|pr|hackmd|etherpad)s?\s*[.:!*]*$/i;
const url = /\b(?:https?:\/\/|www\.)[^\s<>()]+|\b[\w.-]+\.(?:com|org|net|io|dev|gov|edu)\/[^\s<>()]*/gi;

/** A line of nothing but spaces (what `\s` matches, as `trim` removes): a paragraph break. */
function isBlank(line: string): boolean {
  const code = line.charCodeAt(0);
  // Every character from "!" to "~" (and the controls up to U+009F) is not a space: most lines are ruled out by their first.
  if (code > 0x20 && code < 0xa0) return false;
  return line.trim() === '';
}

/** Letters and digits only, lower case: to tell a line that only repeats the subject. */
const bare = lettersAndDigits;

/**
 * `subject`: a body line that only repeats it (with a date or a time) says nothing new and is
 * dropped as metadata; real invites often open that way.
 */
export function keepContentLines(text: string, subject = ''): ContentText {
  // The subject is read whole only when a line starts like it (few do): its start is read from a prefix.
  const subjectStart = subject.length >= 8 ? bareStart(subject) : '';
  const subjectFirstCode = subjectStart.charCodeAt(0);
  let bareSubject: string | undefined;
  const counts: LineRoleCounts = { logistics: 0, metadata: 0, ceremony: 0, header: 0, signature: 0, people: 0, links: 0, repeats: 0 };
  // Each plain search once over the whole text rather than once a line: a line can hold only what the text holds.
  // One scan first: most texts hold none of the characters the searches below look for.
  const textMayHoldLinkOrMark = linkOrMarkCharacter.test(text);
  const textMayHoldMarkdownLink = textMayHoldLinkOrMark && text.includes('](');
  const textMayHoldUrl = textMayHoldLinkOrMark && (text.includes('/') || text.includes('www.'));
  const textMayHoldMarkdown = textMayHoldLinkOrMark && mayHoldMarkdown(text);
  const textHoldsSpaceRuns = twoSpaces.test(text);
  // Few paragraphs are long enough to be compared: a list and string comparisons (which first compare lengths) beat hashing each one into a set.
  const seen: string[] = [];
  const kept: string[] = [];
  // The text is split into lines once; paragraphs are runs of them, found as `/\n\s*\n/` would split the text.
  const lines = text.split(lineBreak);
  for (let first = 0, offset = 0; first < lines.length; ) {
    // A paragraph ends before a blank line that has a line after it (a break takes a line break, spaces, a line break).
    let last = first;
    let length = lines[first]!.length;
    while (last + 1 < lines.length && !(last + 2 < lines.length && isBlank(lines[last + 1]!))) length += 1 + lines[++last]!.length;
    // The break then takes every blank line up to the next line with text (or up to the last line).
    let next = last + 1;
    let nextOffset = offset + length + 1;
    if (next < lines.length) {
      nextOffset += lines[next]!.length + 1;
      next++;
      while (next < lines.length - 1 && isBlank(lines[next]!)) nextOffset += lines[next++]!.length + 1;
    }
    const paragraphOffset = offset;
    offset = nextOffset;
    const paragraphLines = { first, last };
    first = next;
    // Forwarded copies repeat a paragraph word for word.
    const key = length > 40 ? text.slice(paragraphOffset, paragraphOffset + length).trim() : '';
    if (key !== '' && seen.includes(key)) {
      counts.repeats++;
      continue;
    }
    if (key !== '') seen.push(key);
    const out: string[] = [];
    let signature = false;
    let listingPeople = false;
    for (let i = paragraphLines.first; i <= paragraphLines.last; i++) {
      const raw = lines[i]!;
      let linked = false;
      let withoutLinks = raw;
      // Cheap character tests first: most lines hold no link and no markdown.
      if (textMayHoldMarkdownLink && raw.includes('](')) {
        withoutLinks = withoutLinks.replace(markdownLink, (_match, label: string) => {
          linked = true;
          return label;
        });
      }
      if (textMayHoldUrl && (raw.includes('/') || raw.includes('www.'))) {
        withoutLinks = withoutLinks.replace(url, (match) => {
          linked = true;
          return match.endsWith('.') ? '.' : ' ';
        });
      }
      if (textMayHoldMarkdown && mayHoldMarkdown(raw)) withoutLinks = withoutLinks.replace(markdownMarks, '');
      if (linked) counts.links++;
      // Taking out a link or a mark can leave two spaces where the text had none.
      const mayHoldSpaceRuns = textHoldsSpaceRuns || withoutLinks !== raw;
      const marker = startsWithWord(withoutLinks) ? '' : (listMarker.exec(withoutLinks)?.[0] ?? '');
      let line = withoutLinks.slice(marker.length).trim();
      if (mayHoldSpaceRuns && line.includes('  ')) line = line.replace(/ {2,}/g, ' ');
      if (!hasLetterOrDigit(line)) continue;
      // "[Minutes](…)", "Link to repositories: <url>": a pointer to material, not an agenda item.
      if (linked && (linkLabel.test(line) || (line.endsWith(':') && line.split(' ').length <= 5))) {
        counts.metadata++;
        continue;
      }
      if (
        subjectStart !== '' &&
        line.length < longLine &&
        mayStartLike(line, subjectFirstCode) &&
        line.slice(0, 3).toLowerCase() === subjectStart &&
        repeatsSubject(bare(line), (bareSubject ??= bare(subject)))
      ) {
        counts.metadata++;
        continue;
      }
      const opensLikeFixedRole = mayOpenLikeFixedRole.test(line);
      if (opensLikeFixedRole && personList.test(line)) {
        counts.people++;
        listingPeople = true;
        continue;
      }
      const role: LineRole = signature ? 'signature' : roleOf(line, { lines, index: i, paragraphLines, marker, listingPeople, opensLikeFixedRole });
      if (role === 'signature' && signOff.test(line) && !greeting.test(line)) signature = true;
      listingPeople = listingPeople && role === 'people';
      if (role === 'content') {
        const folded = mayHoldSpaceRuns && withoutLinks.includes('  ') ? withoutLinks.replace(/ {2,}/g, ' ') : withoutLinks;
        const content = withoutLogisticsSentences(folded, counts);
        // The line holds a letter or a digit: only taking sentences out can leave nothing.
        if (content === folded || content.trim() !== '') out.push(content);
      } else {
        counts[role]++;
      }
    }
    if (out.length > 0) kept.push(out.join('\n'));
  }
  return { content: kept.join('\n\n'), counts };
}

/**
 * `bare(text).slice(0, 3)`, read from the first few characters when they hold three letters or
 * digits: lower-casing a prefix gives a prefix of the lower-cased text, and its runs of letters
 * a prefix of `bare(text)`. Not so when the cut splits a surrogate pair or the text holds a
 * capital sigma (it lower-cases by what follows it): then the text is read whole.
 */
function bareStart(text: string): string {
  // Most subjects open with three ASCII letters or digits: they are the start, lower-cased.
  if (isAsciiLetterOrDigit(text.charCodeAt(0)) && isAsciiLetterOrDigit(text.charCodeAt(1)) && isAsciiLetterOrDigit(text.charCodeAt(2))) return text.slice(0, 3).toLowerCase();
  const cut = 12;
  if (text.length > cut && !isHighSurrogate(text.charCodeAt(cut - 1)) && !text.includes('Σ')) {
    const start = bare(text.slice(0, cut));
    if (start.length >= 3) return start.slice(0, 3);
  }
  return bare(text).slice(0, 3);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isAsciiLetterOrDigit = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);

/**
 * Whether `line`, lower-cased, may start with the character `firstCode` (a lower-case letter or
 * a digit): a test without building strings, true for every line that does. An ASCII character
 * lower-cases to itself or (a capital) to itself | 0x20; any other character is left to the full test.
 */
function mayStartLike(line: string, firstCode: number): boolean {
  const code = line.charCodeAt(0);
  return code > 127 || (code | 0x20) === firstCode;
}

function repeatsSubject(line: string, subject: string): boolean {
  if (!line.startsWith(subject) && !subject.startsWith(line)) return false;
  // What is left beside the subject is at most a date, a time or a word or two.
  const rest = line.length > subject.length ? line.slice(subject.length) : '';
  return rest.split(' ').filter((word) => /\p{L}{3,}/u.test(word) && !/^(?:am|pm|pst|pdt|est|edt|cet|utc|gmt|at|on|from|to|and)$/.test(word)).length <= 2;
}

/**
 * A code unit `/[a-z\u00c0-\uffff]/i` matches, tested without a call of the engine: an ASCII
 * letter, U+00C0 and up, and "µ" (its capital is the Greek Mu). Checked against the expression
 * for every code unit.
 */
const isLetterCode = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code >= 0xc0 || code === 0xb5;
/** A line that opens with a letter has no list marker in front (except "o " bullets, kept as words). */
const startsWithWord = (line: string) => isLetterCode(line.charCodeAt(0));
/** Letters and digits in any script (non-ASCII counted as letters: cheaper than a Unicode class). */
const letterOrDigit = /[a-z0-9\u00c0-\uffff]/i;
/** Most lines open with a letter or a digit: the first code unit answers, the expression only otherwise. */
const hasLetterOrDigit = (line: string) => {
  const code = line.charCodeAt(0);
  return isLetterCode(code) || (code >= 0x30 && code <= 0x39) || letterOrDigit.test(line);
};

/** Roles are read line by line; in a long line of prose each sentence is read on its own. */
const longLine = 120;

function withoutLogisticsSentences(line: string, counts: LineRoleCounts): string {
  if (line.length < longLine) return line;
  const sentences = sentencesOf(line);
  if (sentences.length < 2) return line;
  const kept = sentences.filter((sentence) => {
    const logistics = logisticsLine.test(sentence);
    if (logistics) counts.logistics++;
    return !logistics;
  });
  return kept.join(' ');
}

/**
 * A sentence ends at ".", "!" or "?" followed by spaces and a capital letter. Searched from the
 * punctuation, which few characters are, rather than split at `(?<=[.!?])\s+(?=\p{Lu})`, which
 * looks behind at every character (about five times slower): the same pieces, since the spaces
 * a break takes are the whole run after the punctuation either way.
 */
const sentenceBreak = /[.!?]\s+(?=\p{Lu})/gu;

function sentencesOf(line: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  sentenceBreak.lastIndex = 0;
  for (let found = sentenceBreak.exec(line); found !== null; found = sentenceBreak.exec(line)) {
    sentences.push(line.slice(start, found.index + 1));
    start = found.index + found[0].length;
  }
  sentences.push(line.slice(start));
  return sentences;
}

/** Where a line stands; what the few rules that need it read from it is worked out only then. */
interface LineContext {
  /** The text's lines, as written (untrimmed). */
  lines: readonly string[];
  index: number;
  /** The indices of the paragraph's first and last lines. */
  paragraphLines: { first: number; last: number };
  /** What stood in front of the line: a bullet or a marker makes it an agenda item, not a signature. */
  marker: string;
  listingPeople: boolean;
  /** `mayOpenLikeFixedRole` matched: else none of the expressions it joins can. */
  opensLikeFixedRole: boolean;
}

const endsSentence = /[.!?,]$/;

function roleOf(line: string, context: LineContext): LineRole {
  const fixed = context.opensLikeFixedRole;
  if ((fixed && headerLine.test(line)) || (line.includes('/') && exchangeDebris.test(line))) return 'header';
  if (fixed && (signOff.test(line) || greeting.test(line))) return 'signature';
  if (line.length < longLine && hasFieldSeparator(line) && metadataField.test(line)) return 'metadata';
  if (fixed && ceremonyLine.test(line)) return 'ceremony';
  if (context.listingPeople && nameOnly.test(line.replace(/\s+\d{1,2}[:.]\d{2}.*$/, ''))) return 'people';
  if (fixed && signatureDetail.test(line)) return 'signature';
  // A name alone after a sentence, closing its paragraph: "… Thank you.\nDebra".
  const last = context.index === context.paragraphLines.last;
  const marked = context.marker !== '' && context.marker.trim() !== '';
  const previous = context.index > context.paragraphLines.first ? context.lines[context.index - 1]! : '';
  if (last && !marked && line.length <= 30 && endsSentence.test(previous.trim()) && nameOnly.test(line)) return 'signature';
  if (line.length < longLine && logisticsLine.test(line)) return 'logistics';
  return 'content';
}
