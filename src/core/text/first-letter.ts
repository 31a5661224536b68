/**
 * Regrouping a regular expression's alternatives by their first letter ("ignor|instruc|jail" →
 * "i(?:gnor|nstruc)|jail"): the engine tries a group only where its letter stands, not every
 * alternative at every character. It matches the same texts; only which of two overlapping
 * matches is found first may change, so use it where only whether something matches counts.
 */

/** Alternatives of `pattern` at its top level (a "|" inside a group or a class is not split). */
export function topLevelAlternatives(pattern: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      alternatives.push(pattern.slice(start, index));
      start = index + 1;
    }
  }
  alternatives.push(pattern.slice(start));
  return alternatives;
}

/** The index just after the group that opens at `open` ("(" at `open`). */
function groupEnd(pattern: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let index = open; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return index + 1;
  }
  throw new Error(`Unbalanced group in /${pattern}/`);
}

const quantifier = /^[?*+{]/;
const plainLetter = /^[a-z]$/i;
const wordStartGroup = '\\b(?:';

/**
 * `(?:has|have|had) been` at an alternative's start is spelled out ("has been", "have been",
 * "had been") so each can be filed under its letter; a group with a quantifier, a capture or a
 * look-around is left whole.
 */
function spellOutLeadingGroup(alternative: string): string[] {
  if (!alternative.startsWith('(?:')) return [alternative];
  const end = groupEnd(alternative, 0);
  if (quantifier.test(alternative.slice(end))) return [alternative];
  const rest = alternative.slice(end);
  return topLevelAlternatives(alternative.slice(3, end - 1)).flatMap((inner) => spellOutLeadingGroup(inner + rest));
}

/** A capturing group: a "(" (not escaped, not in a class) without "?" after it. */
function hasCapture(pattern: string): boolean {
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(' && pattern[index + 1] !== '?') return true;
  }
  return false;
}

/** `pattern` with its top-level alternatives grouped under their first letter. */
export function byFirstLetter(pattern: string): string {
  // Moving alternatives renumbers captures, which would change what a back-reference means.
  if (hasCapture(pattern)) throw new Error(`/${pattern}/ has a capturing group; write it as (?:…)`);
  const groups = new Map<string, string[]>();
  const others: string[] = [];
  // "^a|^b" is "^(?:a|b)": the alternatives that must open the text share one anchor, and are regrouped inside it.
  const anchored: string[] = [];
  for (const alternative of topLevelAlternatives(pattern).flatMap(spellOutLeadingGroup)) {
    const first = alternative[0] ?? '';
    if (first === '^') {
      anchored.push(alternative.slice(1));
      continue;
    }
    // A letter with a quantifier after it ("s?") may match nothing: such an alternative stays whole.
    if (plainLetter.test(first) && !quantifier.test(alternative.slice(1))) {
      const list = groups.get(first) ?? [];
      list.push(alternative.slice(1));
      groups.set(first, list);
    } else if (alternative.startsWith(wordStartGroup) && groupEnd(alternative, 2) === alternative.length) {
      // Phrases behind one shared word start ("\b(?:…)", see atWordStart) are regrouped inside it.
      others.push(`${wordStartGroup}${byFirstLetter(alternative.slice(wordStartGroup.length, -1))})`);
    } else {
      others.push(alternative);
    }
  }
  const grouped = [...groups].map(([first, rests]) => (rests.length === 1 ? first + rests[0] : `${first}(?:${rests.join('|')})`));
  if (anchored.length > 0) others.push(`^(?:${byFirstLetter(anchored.join('|'))})`);
  return [...grouped, ...others].join('|');
}
