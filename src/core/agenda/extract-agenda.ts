import { splitSentences } from '../text/hostile-text.js';

/**
 * Splits a cleaned invite body into agenda items. Lists are the strongest structure (bullets,
 * numbers, time boxes, "Part A / Part B", "First half / Second half"); a body without one is read
 * sentence by sentence. Owners and minutes are picked up where the organiser wrote them.
 */

export interface AgendaCandidate {
  text: string;
  owner?: string;
  minutes?: number;
}

export interface ExtractedAgenda {
  /** True when the body had a real list: the items are the organiser's own. */
  structured: boolean;
  items: AgendaCandidate[];
  /** Prose around the list (greeting, intro, location): context, not agenda. */
  prose: string[];
}

const bullet = /^(?:[•·▪◦►▸‣⁃*+・○●■□✓✔-]|[–—]|o(?=\s))\s*/u;
const numbered = /^(?:\(?\d{1,2}[.)](?!\d)|\(?[a-hA-H][.)]\s|\(?(?:i{1,3}|iv|v|vi{1,3})[.)]\s|(?:item|punkt|point|punto|ponto|agendapunt)\s+\d+[:.]?)\s*/iu;
const timeBox = /^(\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm))?(?:\s*[-–—to]+\s*\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm))?)?)\s*[-–—:|]?\s+(?=\p{L})/iu;
const section = /^(?:part|teil|partie|parte|deel|section)\s+(?:\d+|[A-D]|one|two|three|i{1,3})\b|^(?:first|second|third|final|last)\s+(?:half|part|hour|section)\b|^(?:primera|segunda|erste[rn]?|zweite[rn]?|première|deuxième|primeira|segunda)\s+(?:parte|hälfte|teil|partie|mitad|metade)\b|^第[一二三1-3]部/iu;
const listHeader = /^(agenda|tagesordnung|ordre du jour|orden del día|pauta|agenda\s*:|議題|アジェンダ|punti all'ordine del giorno|ordine del giorno)\s*:?$/iu;

/** Most lines carry no digit at all: the number patterns are tried only where one can match. */
const digit = /\d/;
const startsWithDigit = (text: string) => {
  const code = text.charCodeAt(0);
  return code >= 48 && code <= 57;
};

/** The item's text after its list marker (a time box, a number, a bullet or a section name), or null for an unmarked line. */
function afterMarker(line: string): string | null {
  let match = startsWithDigit(line) ? timeBox.exec(line) : null;
  if (match) return line.slice(match[0].length);
  match = numbered.exec(line);
  if (match && line.length > match[0].length) return line.slice(match[0].length);
  match = bullet.exec(line);
  if (match && line.length > match[0].length + 1) return line.slice(match[0].length);
  if (section.test(line)) return line;
  return null;
}

const inlineNumber = /(?:^|\s)(\d{1,2})[.)]\s+(?=\p{L})/gu;
/**
 * What a split on running numbers needs: "1." (or "01."), later "2.", later "3." (a superset of
 * three matches of `inlineNumber` counting 1, 2, 3). A numbered list line like "1. Welcome" fails it.
 */
const oneTwoThree = /1[.)][^]*2[.)][^]*3[.)]/;

/** "Agenda: 1. A 2. B 3. C" written on one line: split on the running numbers. */
function splitInlineNumbers(line: string): string[] {
  if (!oneTwoThree.test(line)) return [line];
  const parts: string[] = [];
  let expected = 1;
  let cursor = 0;
  let head = '';
  for (const match of line.matchAll(inlineNumber)) {
    if (Number(match[1]) !== expected) continue;
    const at = match.index ?? 0;
    if (expected === 1) head = line.slice(0, at).trim();
    else parts.push(line.slice(cursor, at).trim());
    cursor = at + match[0].length;
    expected++;
  }
  if (expected <= 3) return [line];
  parts.push(line.slice(cursor).trim());
  const numberedParts = parts.map((part, i) => `${i + 1}. ${part}`);
  return head ? [head, ...numberedParts] : numberedParts;
}

const dashedItem = /\s+-\s+(?=\p{Lu}|\p{N})/u;

/**
 * What `splitInlineNumbers` or `splitInlineBullets` needs to split a line at all: "1. … 2. … 3.",
 * " • " or " · ", or a colon before a dash. One pattern: a single pass over the lines that hold
 * none of them (a bulleted "- item" or a numbered "1. item" line among them).
 */
const mayHoldInlineList = new RegExp([oneTwoThree.source, ' [•·] ', ':[^]*-'].join('|'));

/** "Intro: • A • B • C" or "Intro: - A - B - C" on one line. */
function splitInlineBullets(line: string): string[] {
  const separator = line.includes(' • ') ? ' • ' : line.includes(' · ') ? ' · ' : null;
  if (separator) {
    const parts = line.split(separator).map((part) => part.trim()).filter(Boolean);
    if (parts.length >= 3) return [parts[0]!, ...parts.slice(1).map((part) => `• ${part}`)];
  }
  // The text before the first dash must hold a colon ("Intro: - A - B - C"), so a line without one is not split.
  if (!line.includes('-') || !line.includes(':')) return [line];
  const dashed = line.split(dashedItem);
  if (dashed.length >= 4 && /:/.test(dashed[0] ?? '')) {
    return [dashed[0]!, ...dashed.slice(1).map((part) => `- ${part.trim()}`)];
  }
  return [line];
}

const ownerAfterDash = /\s[–—-]\s*([\p{Lu}][\p{L}.'’]+(?:\s[\p{Lu}][\p{L}.'’]+){0,2}|[\p{Lu}]{2,4})\s*$/u;
/** "(Marcus, 5 min)", "（鈴木）": a capitalised name in brackets. "(PIFU)" is an acronym, not a person. */
const ownerInParentheses = /[(（]((?:[\p{Lu}][\p{Ll}'’-]+(?: [\p{Lu}][\p{Ll}'’-]+)?)|[\p{Script=Han}]{1,4})(?:[,、]\s*\d+\s*(?:min\p{L}*|分))?[)）]/u;
const ownerLabelled = /[([]\s*(?:owner|lead|led by|presenter|by|resp\.?|verantwortlich|responsable)\s*:?\s*([^)\]]{2,40})[)\]]|\b(?:owner|lead|presenter)\s*:\s*([\p{L} .'’-]{2,40})$/iu;
/**
 * Every label `ownerLabelled` accepts holds one of these words, matched as loosely as there (under
 * its /iu flags "ſ" is an "s"), so this is a superset test; it costs far less than the pattern's
 * search from every word boundary.
 */
const mayHoldOwnerLabel = /owner|lead|by|pre[sſ]enter|re[sſ]p|verantwortlich/i;
/** Words that follow a dash but say what the item is for, not who owns it. */
const notAnOwner = /^(info|fyi|for info|decide|decision|discuss|discussion|update|aob|tbc|tbd|all|team|everyone|vote|approval|informativo|zur info|pour info|ter info|todos)$/i;
const dash = /[–—-]/;
const minutesWritten = /\(?\b(\d{1,3})\s*(?:min(?:ute)?s?|mins?|['’]|minutos|minuten|minutes)\b\)?/i;
const timeRange = /^(\d{1,2})[:.h](\d{2})\s*(am|pm)?\s*[-–—to]+\s*(\d{1,2})[:.h](\d{2})\s*(am|pm)?/i;

function toMinutes(hours: number, minutes: number, meridiem?: string): number {
  let h = hours % 12;
  if (!meridiem) h = hours;
  else if (meridiem.toLowerCase() === 'pm') h += 12;
  return h * 60 + minutes;
}

function describeItem(rawLine: string, rest: string): AgendaCandidate {
  const candidate: AgendaCandidate = { text: rest.trim() };
  const range = startsWithDigit(rawLine) ? timeRange.exec(rawLine) : null;
  if (range) {
    const from = toMinutes(Number(range[1]), Number(range[2]), range[3] ?? range[6]);
    const to = toMinutes(Number(range[4]), Number(range[5]), range[6] ?? range[3]);
    if (to > from) candidate.minutes = to - from;
  }
  if (candidate.minutes === undefined && digit.test(rest)) {
    const written = minutesWritten.exec(rest);
    if (written) candidate.minutes = Number(written[1]);
  }
  // Cheap tests first: a labelled owner needs a bracket or a colon, a dashed one a dash, and
  // each pattern is tried only when the one before found no owner.
  const labelled = /[([:]/.test(rest) && mayHoldOwnerLabel.test(rest) ? ownerLabelled.exec(rest) : null;
  if (labelled) {
    candidate.owner = (labelled[1] ?? labelled[2])?.trim();
    return candidate;
  }
  const dashed = dash.test(rest) ? ownerAfterDash.exec(rest) : null;
  if (dashed && !notAnOwner.test(dashed[1]!)) {
    candidate.owner = dashed[1];
    return candidate;
  }
  const parenthesised = rest.includes('(') || rest.includes('（') ? ownerInParentheses.exec(rest) : null;
  if (parenthesised && !notAnOwner.test(parenthesised[1]!)) candidate.owner = parenthesised[1];
  return candidate;
}

const hasLetterOrDigit = /[\p{L}\p{N}]/u;
/** A line that starts in lower case (or with a bracket) carries on the item above. */
const continuesItem = /^[\p{Ll}(]/u;

/** The body's lines, with lists written on one line split into their items. */
function agendaLines(body: string): string[] {
  // One loop, no array per line: nearly every line is neither an inline list nor empty, and the
  // lines are cut out one by one (no array of raw lines either).
  const lines: string[] = [];
  for (let start = 0, end = 0; end >= 0; start = end + 1) {
    end = body.indexOf('\n', start);
    const trimmed = (end < 0 ? body.slice(start) : body.slice(start, end)).trim();
    if (!mayHoldInlineList.test(trimmed)) {
      if (trimmed !== '') lines.push(trimmed);
      continue;
    }
    for (const part of splitInlineNumbers(trimmed)) {
      for (const line of splitInlineBullets(part)) if (line !== '') lines.push(line);
    }
  }
  return lines;
}

export function extractAgenda(body: string): ExtractedAgenda {
  const lines = agendaLines(body);

  const items: AgendaCandidate[] = [];
  const prose: string[] = [];
  let inList = false;
  for (const line of lines) {
    if (listHeader.test(line)) continue;
    const rest = afterMarker(line);
    if (rest !== null) {
      // A rule of dashes or bullets is decoration, not an item.
      if (!hasLetterOrDigit.test(rest)) continue;
      items.push(describeItem(line, rest));
      inList = true;
    } else if (inList && items.length > 0 && continuesItem.test(line)) {
      // A wrapped continuation of the previous item.
      const last = items[items.length - 1]!;
      last.text = `${last.text} ${line}`;
    } else {
      inList = false;
      prose.push(line);
    }
  }

  if (items.length >= 2) return { structured: true, items, prose };
  // No list: the text (a lone item and the prose) is read sentence by sentence, clause by clause.
  const clauses: AgendaCandidate[] = [];
  for (const sentence of sentencesOfLines(items.length > 0 ? [items[0]!.text, ...prose] : prose)) {
    for (const clause of splitClauses(sentence)) clauses.push(describeItem(clause, clause));
  }
  return { structured: false, items: clauses, prose: [] };
}

/** A sentence end followed by a space: where `splitSentences` can split a line. */
const sentenceEnd = /[.!?。！？]\s/;

/**
 * `splitSentences(lines.join('\n'))` for lines that are trimmed, not empty and hold no line break
 * (the agenda's lines and items): no sentence spans two lines, and a line with no sentence end
 * followed by a space is one sentence, so most lines are not split at all.
 */
export function sentencesOfLines(lines: readonly string[]): string[] {
  const sentences: string[] = [];
  for (const line of lines) {
    if (!sentenceEnd.test(line)) sentences.push(line);
    else for (const sentence of splitSentences(line)) sentences.push(sentence);
  }
  return sentences;
}

/** "We'll go through the figures, and then we need to agree X": two agenda points in one sentence. */
const clauseBreak = /;\s+|,?\s+and then\s+|,\s+then\s+|\s+then the main (?:thing|item|point)\s*:\s*|\.\s+then\s+/iu;

/** Every clause break holds a ";" or a "then": a sentence with neither is one clause. */
const mayBreakClause = /;|then/i;

function splitClauses(sentence: string): string[] {
  if (!mayBreakClause.test(sentence)) {
    const clause = sentence.trim();
    return clause.length > 0 ? [clause] : [];
  }
  return sentence.split(clauseBreak).map((clause) => clause.trim()).filter((clause) => clause.length > 0);
}
