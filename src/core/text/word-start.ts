/**
 * Joins regular-expression phrases that each start a word behind one shared `\b`. The engine then
 * tries the phrases only where a word starts, not at every character: the same matches, found
 * several times faster in a long text.
 */
export function atWordStart(phrases: readonly string[]): string {
  return String.raw`\b(?:${phrases.join('|')})`;
}
