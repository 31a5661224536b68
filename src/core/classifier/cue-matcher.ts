/**
 * Finds cue phrases in text fast enough to judge thousands of invites a second.
 *
 * A lexicon is a few hundred small regular-expression phrases. Run as one big alternation, a
 * regular expression engine tries every phrase at every character; here each phrase is filed
 * under the first one or two letters it can start with, the text is lower-cased once, and only
 * the phrases filed under a word's first letters are tried, anchored at that word's start. The
 * phrases keep the full regular-expression syntax (groups, classes, look-arounds), matched
 * case-insensitively at word boundaries. Japanese phrases match anywhere (no spaces between words).
 */

import { isLetterOrDigitAt } from '../text/letters.js';

export interface Lexicon {
  /** Phrases matched at word boundaries, written in lower case. */
  words: readonly string[];
  /** Phrases matched anywhere in the text (Japanese). */
  anywhere?: readonly string[];
}

export interface CueScan<Concept extends string> {
  hits: CueHit<Concept>[];
  /** Words in the text (Japanese counted roughly, two characters a word). */
  words: number;
}

export interface CueHit<Concept extends string> {
  concept: Concept;
  /** The phrase as written in the text. */
  text: string;
  index: number;
}

const wordEnd = '(?![\\p{L}\\p{N}])';
const cjkCharacters = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

interface Probe<Concept> {
  concept: Concept;
  pattern: RegExp;
  /**
   * Where the probe stands among those tried at one word start: the original order of the hits
   * (probes filed under two letters first, then under one, each list in the order it was built).
   */
  rank: number;
}

/** A character trie of the phrases that are plain text once their alternatives are spelled out. */
interface TrieNode<Concept> {
  next: Map<number, TrieNode<Concept>>;
  /** Concepts whose phrase ends here (to match, the word must end here too). */
  ends?: Concept[];
  /** Concepts whose phrase is a word start ending here: the match runs on to the end of the word. */
  startsOfWords?: Concept[];
  /** Probes whose plain start ("this c", "the se"…) ends here: they are tried only where the text starts so. */
  probes?: Probe<Concept>[];
}

/**
 * The trie frozen into flat arrays once it is built. A walk is taken at every word start of every
 * text judged, and a Map per node made each step a hash lookup on a scattered object; here the
 * root is one table read and a node's few children sit side by side. Node 0 is the root, so 0
 * also means "no child".
 */
class FlatTrie<Concept> {
  /** The root's child for each UTF-16 code unit. */
  readonly rootChild = new Int32Array(0x10000);
  /** Node n's children are the edges firstEdge[n] to firstEdge[n + 1]. */
  readonly firstEdge: Int32Array;
  readonly edgeCode: Uint16Array;
  readonly edgeNode: Int32Array;
  /**
   * Nodes with many children (the letters after a word's first letter) get a row of 128 slots,
   * one per ASCII character, so the step most walks end on is one read instead of a search
   * through a few dozen edges. denseRow[n] is node n's row, or -1.
   */
  readonly denseRow: Int32Array;
  readonly denseChild: Int32Array;
  readonly ends: (Concept[] | undefined)[] = [];
  readonly startsOfWords: (Concept[] | undefined)[] = [];
  readonly probes: (Probe<Concept>[] | undefined)[] = [];
  /** 1 where some phrase or probe start ends (`ends`, `startsOfWords`, `probes`): most steps of a walk pass none. */
  readonly phraseEnds: Uint8Array;

  constructor(root: TrieNode<Concept>) {
    // Number the nodes breadth first, so each node's children get consecutive edges.
    const nodes = [root];
    for (let n = 0; n < nodes.length; n++) for (const child of nodes[n]!.next.values()) nodes.push(child);
    this.firstEdge = new Int32Array(nodes.length + 1);
    this.edgeCode = new Uint16Array(nodes.length);
    this.edgeNode = new Int32Array(nodes.length);
    this.denseRow = new Int32Array(nodes.length).fill(-1);
    this.phraseEnds = new Uint8Array(nodes.length);
    const denseNodes = nodes.filter((node, n) => n > 0 && node.next.size >= minDenseChildren).length;
    this.denseChild = new Int32Array(denseNodes * 128);
    let edge = 0;
    let nextNumber = 1;
    let rows = 0;
    nodes.forEach((node, n) => {
      this.firstEdge[n] = edge;
      this.ends.push(node.ends);
      this.startsOfWords.push(node.startsOfWords);
      this.probes.push(node.probes);
      this.phraseEnds[n] = node.ends || node.startsOfWords || node.probes ? 1 : 0;
      const row = n > 0 && node.next.size >= minDenseChildren ? rows++ : -1;
      this.denseRow[n] = row;
      for (const code of node.next.keys()) {
        if (n === 0) this.rootChild[code] = nextNumber;
        if (row >= 0 && code < 128) this.denseChild[row * 128 + code] = nextNumber;
        this.edgeCode[edge] = code;
        this.edgeNode[edge++] = nextNumber++;
      }
    });
    this.firstEdge[nodes.length] = edge;
  }
}

/** Children from which a node gets a dense row (a search through fewer edges is as quick). */
const minDenseChildren = 3;

const maxSpelledOut = 200;
/** Flags in `probedFirst`. */
const oneLetter = 1;
const twoLetters = 2;
const anyLetters = '\\p{L}*';

/** Ranks of probes filed under one letter come after those filed under two. */
const oneLetterRanks = 1_000_000;

export class CueMatcher<Concept extends string> {
  /**
   * Sticky patterns whose start is open-ended, by the one- or two-letter start of the phrases
   * they hold. Probes with a plain start hang in the trie instead, at the end of that start.
   */
  private readonly byStart = new Map<number, Probe<Concept>[]>();
  /**
   * For each first character, which probe lists in `byStart` exist: `oneLetter` for phrases filed
   * under that character alone, `twoLetters` for phrases filed under it and the next one. Most
   * words have neither, and a typed-array read costs less than two map lookups.
   */
  private readonly probedFirst = new Uint8Array(0x10000);
  private readonly anywhere: Probe<Concept>[] = [];
  private readonly trie: FlatTrie<Concept>;
  /**
   * The probes a walk met, to be tried once it ends: the first `metCount` entries (the array is
   * kept between words, and a count is cheaper to reset than an array's length).
   */
  private readonly met: Probe<Concept>[] = [];
  private metCount = 0;

  constructor(lexicons: Record<Concept, Lexicon>) {
    const trie: TrieNode<Concept> = { next: new Map() };
    let probesBuilt = 0;
    for (const concept of Object.keys(lexicons) as Concept[]) {
      const lexicon = lexicons[concept];
      const phrasesByStart = new Map<string, string[]>();
      for (const phrase of lexicon.words) {
        if (/[A-Z]/.test(phrase.replace(/\\p\{\w+\}/g, ''))) throw new Error(`Cue phrase /${phrase}/ must be written in lower case`);
        // Most phrases are plain text with a few alternatives: walking a trie beats a regex.
        // "redundanc\p{L}*" is a word start: the trie matches it and runs on to the end of the word.
        const wordStart = phrase.endsWith(anyLetters) && !phrase.slice(0, -anyLetters.length).includes('\\p');
        const spelledOut = spellOut(parseSequence(wordStart ? phrase.slice(0, -anyLetters.length) : phrase, { at: 0 }));
        if (spelledOut && spelledOut.length <= maxSpelledOut) {
          for (const text of spelledOut) addToTrie(trie, text, concept, wordStart);
          continue;
        }
        for (const start of possibleStarts(phrase)) {
          const list = phrasesByStart.get(start) ?? [];
          list.push(phrase);
          phrasesByStart.set(start, list);
        }
      }
      for (const [start, phrases] of phrasesByStart) {
        const probe: Probe<Concept> = {
          concept,
          pattern: new RegExp(`(?:${phrases.join('|')})${wordEnd}`, 'uy'),
          rank: probesBuilt++ + (start.length === 1 ? oneLetterRanks : 0),
        };
        const starts = phrases.map(literalStarts);
        if (starts.every((list) => list !== null)) {
          // The probe is tried where the text starts with its key and with one of its plain starts:
          // where it starts with the longer of the two, when one begins the other.
          const triggers = starts.flat().map((text) => (text.startsWith(start) ? text : start.startsWith(text) ? start : null));
          for (const trigger of withoutLongerOnes(triggers.filter((text): text is string => text !== null))) addProbeToTrie(trie, trigger, probe);
          continue;
        }
        const key = startKey(start);
        const probes = this.byStart.get(key) ?? [];
        probes.push(probe);
        this.byStart.set(key, probes);
        this.probedFirst[start.charCodeAt(0)]! |= start.length === 1 ? oneLetter : twoLetters;
      }
      if (lexicon.anywhere?.length) {
        this.anywhere.push({ concept, pattern: new RegExp(lexicon.anywhere.join('|'), 'gu'), rank: 0 });
      }
    }
    this.trie = new FlatTrie(trie);
  }

  /** Every cue in the text, in order of position (several concepts may share a position). */
  scan(text: string): CueScan<Concept> {
    return this.scanLowerCased(text, text.toLowerCase());
  }

  /** `scan` for a caller that has lower-cased the text already (`lower` is `text.toLowerCase()`). */
  scanLowerCased(text: string, lower: string): CueScan<Concept> {
    // Lower-casing keeps positions for all but a few exotic letters; then quote the lower case.
    const source = lower.length === text.length ? text : lower;
    const hits: CueHit<Concept>[] = [];
    let words = 0;
    let hasCjk = false;
    let previousIsWord = false;
    const { rootChild } = this.trie;
    const probedFirst = this.probedFirst;
    const length = lower.length;
    for (let index = 0; index < length; index++) {
      const code = lower.charCodeAt(index);
      let isWord: boolean;
      if (code < 128) {
        isWord = asciiLetterOrDigit[code] === 1;
      } else {
        isWord = isLetterOrDigitAt(lower, index);
        if (code >= 0x3040 && code <= 0x9fff) hasCjk = true;
      }
      if (isWord && !previousIsWord) {
        words++;
        // Most word starts begin no phrase at all ("x", digits): no walk, no call.
        if (rootChild[code] !== 0 || probedFirst[code] !== 0) this.probeAt(lower, source, index, hits);
      }
      previousIsWord = isWord;
    }
    if (hasCjk && this.anywhere.length > 0) {
      for (const probe of this.anywhere) {
        probe.pattern.lastIndex = 0;
        for (let match = probe.pattern.exec(lower); match; match = probe.pattern.exec(lower)) {
          hits.push({ concept: probe.concept, text: source.slice(match.index, match.index + match[0].length), index: match.index });
        }
      }
      hits.sort((a, b) => a.index - b.index);
    }
    // Japanese runs no spaces between words: count about two characters a word.
    if (hasCjk) words += Math.floor((text.match(cjkCharacters) ?? []).length / 2);
    return { hits, words };
  }

  private walkTrie(lower: string, source: string, start: number, hits: CueHit<Concept>[]): void {
    // The trie's tables in locals: a walk takes a step per character, each a few array reads.
    const { denseRow, denseChild, firstEdge, edgeCode, edgeNode, phraseEnds } = this.trie;
    const length = lower.length;
    let node = this.trie.rootChild[lower.charCodeAt(start)]!;
    let index = start + 1;
    while (node !== 0) {
      if (phraseEnds[node] !== 0) this.phrasesEndingAt(node, lower, source, start, index, hits);
      if (index >= length) return;
      const code = lower.charCodeAt(index++);
      const row = denseRow[node]!;
      if (row >= 0 && code < 128) {
        node = denseChild[row * 128 + code]!;
      } else {
        const end = firstEdge[node + 1]!;
        let edge = firstEdge[node]!;
        while (edge < end && edgeCode[edge] !== code) edge++;
        node = edge < end ? edgeNode[edge]! : 0;
      }
    }
  }

  /** What ends at `node`, reached at `index`: phrases (where the word ends too), word starts and probes to try. */
  private phrasesEndingAt(node: number, lower: string, source: string, start: number, index: number, hits: CueHit<Concept>[]): void {
    const trie = this.trie;
    const ends = trie.ends[node];
    if (ends && (index >= lower.length || !isWordCode(lower.charCodeAt(index), lower, index))) {
      for (const concept of ends) addHit(hits, concept, source, start, index);
    }
    const startsOfWords = trie.startsOfWords[node];
    if (startsOfWords) {
      let end = index;
      while (end < lower.length && isWordCode(lower.charCodeAt(end), lower, end)) end++;
      for (const concept of startsOfWords) addHit(hits, concept, source, start, end);
    }
    const probes = trie.probes[node];
    if (probes) for (const probe of probes) this.met[this.metCount++] = probe;
  }

  private probeAt(lower: string, source: string, index: number, hits: CueHit<Concept>[]): void {
    this.metCount = 0;
    this.walkTrie(lower, source, index, hits);
    const met = this.met;
    const first = lower.charCodeAt(index);
    const probed = this.probedFirst[first]!;
    if (probed & twoLetters) {
      const second = index + 1 < lower.length ? lower.charCodeAt(index + 1) : 0;
      const probes = this.byStart.get(first * 65536 + second);
      if (probes) for (const probe of probes) met[this.metCount++] = probe;
    }
    if (probed & oneLetter) {
      const probes = this.byStart.get(first);
      if (probes) for (const probe of probes) met[this.metCount++] = probe;
    }
    const count = this.metCount;
    if (count === 0) return;
    if (count > 1) sortByRank(met, count);
    for (let k = 0; k < count; k++) {
      const probe = met[k]!;
      probe.pattern.lastIndex = index;
      // test() leaves lastIndex at the end of a sticky match and allocates nothing.
      if (probe.pattern.test(lower)) hits.push({ concept: probe.concept, text: source.slice(index, probe.pattern.lastIndex), index });
    }
  }
}

/** Insertion sort of the first `count` probes by rank: there are rarely more than two. */
function sortByRank<Concept>(probes: Probe<Concept>[], count: number): void {
  for (let k = 1; k < count; k++) {
    const probe = probes[k]!;
    let at = k;
    for (; at > 0 && probes[at - 1]!.rank > probe.rank; at--) probes[at] = probes[at - 1]!;
    probes[at] = probe;
  }
}

/** The texts none of the others begins: a walk then passes at most one of them. */
function withoutLongerOnes(texts: readonly string[]): string[] {
  return [...new Set(texts)].filter((text, _index, all) => !all.some((other) => other !== text && text.startsWith(other)));
}

function addToTrie<Concept>(trie: TrieNode<Concept>, text: string, concept: Concept, wordStart: boolean): void {
  const node = trieNodeFor(trie, text);
  const list = wordStart ? (node.startsOfWords ??= []) : (node.ends ??= []);
  if (!list.includes(concept)) list.push(concept);
}

function addProbeToTrie<Concept>(trie: TrieNode<Concept>, text: string, probe: Probe<Concept>): void {
  (trieNodeFor(trie, text).probes ??= []).push(probe);
}

/** The node at the end of `text`, made where missing. */
function trieNodeFor<Concept>(trie: TrieNode<Concept>, text: string): TrieNode<Concept> {
  let node = trie;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let child = node.next.get(code);
    if (!child) {
      child = { next: new Map() };
      node.next.set(code, child);
    }
    node = child;
  }
  return node;
}

function addHit<Concept extends string>(hits: CueHit<Concept>[], concept: Concept, source: string, start: number, end: number): void {
  // Word starts are probed in order, so the hits at `start` are the last ones pushed.
  for (let k = hits.length - 1; k >= 0 && hits[k]!.index === start; k--) if (hits[k]!.concept === concept) return;
  hits.push({ concept, text: source.slice(start, end), index: start });
}

/** One or two characters as a number, so finding a word's probes needs no string. */
function startKey(start: string): number {
  return start.length === 1 ? start.charCodeAt(0) : start.charCodeAt(0) * 65536 + start.charCodeAt(1);
}

/** A letter or digit at `index` (`code` is the code unit there): ASCII answered inline, as it is hot. */
function isWordCode(code: number, text: string, index: number): boolean {
  return code < 128 ? asciiLetterOrDigit[code] === 1 : isLetterOrDigitAt(text, index);
}

/** 1 for the ASCII letters and digits: one read instead of three range tests. */
const asciiLetterOrDigit = Uint8Array.from({ length: 128 }, (_, code) => ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) ? 1 : 0));

/**
 * The one- or two-character strings a phrase can start with, read from its leading atoms.
 * Two characters when the set stays small, else one; a phrase whose start cannot be told
 * (it opens with "any letter") is filed under every letter it could plausibly start with.
 */
function possibleStarts(phrase: string): string[] {
  const sequence = parseSequence(phrase, { at: 0 });
  const two = prefixes(sequence, 2);
  if (two && two.size <= 40) {
    // A phrase filed under "a" is already tried at every "ab…": don't file it twice.
    return [...two].filter((start) => start.length === 1 || !two.has(start[0]!));
  }
  const one = prefixes(sequence, 1);
  if (one) return [...one];
  throw new Error(`Cue phrase /${phrase}/ does not start with a known letter; write its first letter out`);
}

type Atom =
  | { kind: 'chars'; chars: Set<string> | 'any'; min: number; repeats?: boolean }
  | { kind: 'group'; alternatives: Atom[][]; min: number; repeats?: boolean }
  | { kind: 'assertion' };

interface Cursor {
  at: number;
}

function parseSequence(source: string, cursor: Cursor): Atom[] {
  const atoms: Atom[] = [];
  while (cursor.at < source.length) {
    const char = source[cursor.at]!;
    if (char === '|' || char === ')') break;
    let atom: Atom;
    if (char === '(') {
      cursor.at++;
      let assertion = false;
      if (source.startsWith('?:', cursor.at)) cursor.at += 2;
      else if (/^\?<?[=!]/.test(source.slice(cursor.at, cursor.at + 3))) {
        assertion = true;
        cursor.at += source[cursor.at + 1] === '<' ? 3 : 2;
      }
      const alternatives: Atom[][] = [parseSequence(source, cursor)];
      while (source[cursor.at] === '|') {
        cursor.at++;
        alternatives.push(parseSequence(source, cursor));
      }
      cursor.at++; // ')'
      atom = assertion ? { kind: 'assertion' } : { kind: 'group', alternatives, min: 1 };
    } else if (char === '[') {
      const end = source.indexOf(']', cursor.at + 1);
      const body = source.slice(cursor.at + 1, end);
      cursor.at = end + 1;
      atom = { kind: 'chars', chars: classChars(body), min: 1 };
    } else if (char === '\\') {
      const escaped = source[cursor.at + 1]!;
      if (escaped === 'p') {
        cursor.at = source.indexOf('}', cursor.at) + 1;
        atom = { kind: 'chars', chars: 'any', min: 1 };
      } else if (escaped === 'd') {
        cursor.at += 2;
        atom = { kind: 'chars', chars: new Set('0123456789'), min: 1 };
      } else {
        cursor.at += 2;
        atom = { kind: 'chars', chars: new Set([escaped]), min: 1 };
      }
    } else {
      cursor.at++;
      atom = { kind: 'chars', chars: new Set([char]), min: 1 };
    }
    const quantifier = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})\??/.exec(source.slice(cursor.at));
    if (quantifier && atom.kind !== 'assertion') {
      cursor.at += quantifier[0].length;
      const symbol = quantifier[0][0];
      atom.min = symbol === '?' || symbol === '*' ? 0 : symbol === '{' ? Number(quantifier[1]) : 1;
      atom.repeats = symbol !== '?';
    }
    atoms.push(atom);
  }
  return atoms;
}

function classChars(body: string): Set<string> | 'any' {
  if (body.startsWith('^') || body.includes('\\p')) return 'any';
  const chars = new Set<string>();
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char === '\\') {
      chars.add(body[++index]!);
    } else if (body[index + 1] === '-' && index + 2 < body.length) {
      for (let code = char.charCodeAt(0); code <= body.charCodeAt(index + 2); code++) chars.add(String.fromCharCode(code));
      index += 2;
    } else {
      chars.add(char);
    }
  }
  return chars;
}

/** Strings of up to `length` characters the sequence can start with; null if unknowable. */
function prefixes(sequence: Atom[], length: number): Set<string> | null {
  let results = new Set<string>(['']);
  const done = new Set<string>();
  for (const atom of sequence) {
    if (atom.kind === 'assertion') continue;
    const open = [...results].filter((prefix) => prefix.length < length);
    if (open.length === 0) break;
    const next = new Set<string>();
    for (const prefix of open) {
      const extensions = atomPrefixes(atom, length - prefix.length);
      if (!extensions) return null;
      for (const extension of extensions) next.add(prefix + extension);
      if (atom.min === 0) next.add(prefix);
    }
    for (const prefix of results) if (prefix.length >= length) done.add(prefix);
    results = next;
    // After a repeated atom the next character is unknown: what we have is as long as it gets.
    if (atom.repeats) break;
  }
  for (const prefix of results) done.add(prefix);
  done.delete('');
  return done.size > 0 ? done : null;
}

function atomPrefixes(atom: Atom, length: number): Set<string> | null {
  if (atom.kind === 'assertion') return new Set(['']);
  if (atom.kind === 'chars') return atom.chars === 'any' ? null : atom.chars;
  const results = new Set<string>();
  for (const alternative of atom.alternatives) {
    const found = prefixes(alternative, length);
    if (!found) return null;
    for (const prefix of found) results.add(prefix);
  }
  return results;
}

const maxStartLength = 6;
const maxStarts = 32;
/** A "." "^" or "$" read as a plain character may be a wildcard or an anchor: it ends a known start. */
const notPlain = new Set(['.', '^', '$']);

/**
 * The plain strings (up to `maxStartLength` characters) one of which every match of `phrase`
 * starts with, or null when that cannot be told. Look-arounds match no text and are passed over;
 * the first repeat, open class or wildcard ends the known start. Phrases with escapes other than
 * \p{…} and \d, or with alternatives at the top level, get no start.
 */
function literalStarts(phrase: string): string[] | null {
  if (/\\[a-ce-oq-zA-Z]/.test(phrase)) return null;
  const cursor = { at: 0 };
  const sequence = parseSequence(phrase, cursor);
  if (cursor.at !== phrase.length) return null;
  let starts = [''];
  for (const atom of sequence) {
    if (atom.kind === 'assertion') continue;
    if (starts.every((start) => start.length >= maxStartLength)) break;
    const options = plainOptions(atom);
    if (!options) break;
    const next = starts.flatMap((start) => options.map((option) => start + option));
    if (next.length > maxStarts) break;
    starts = next;
  }
  return starts.includes('') ? null : starts;
}

/** Every plain text one atom can match, or null. */
function plainOptions(atom: Atom): string[] | null {
  if (atom.kind === 'assertion' || atom.repeats) return null;
  let options: string[];
  if (atom.kind === 'chars') {
    if (atom.chars === 'any' || [...atom.chars].some((char) => notPlain.has(char))) return null;
    options = [...atom.chars];
  } else {
    options = [];
    for (const alternative of atom.alternatives) {
      let texts = [''];
      for (const part of alternative) {
        const partOptions = plainOptions(part);
        if (!partOptions) return null;
        texts = texts.flatMap((text) => partOptions.map((option) => text + option));
        if (texts.length > maxStarts) return null;
      }
      options.push(...texts);
    }
  }
  return atom.min === 0 ? [...options, ''] : options;
}

/** Every plain text a phrase can be, or null when it has open-ended parts (any letter, look-arounds). */
function spellOut(sequence: Atom[]): string[] | null {
  let results = [''];
  for (const atom of sequence) {
    if (atom.kind === 'assertion' || atom.repeats) return null;
    let options: string[];
    if (atom.kind === 'chars') {
      if (atom.chars === 'any') return null;
      options = [...atom.chars];
    } else {
      options = [];
      for (const alternative of atom.alternatives) {
        const spelled = spellOut(alternative);
        if (!spelled) return null;
        options.push(...spelled);
      }
    }
    if (atom.min === 0) options.push('');
    const next: string[] = [];
    for (const prefix of results) for (const option of options) next.push(prefix + option);
    if (next.length > maxSpelledOut) return null;
    results = next;
  }
  return results;
}
