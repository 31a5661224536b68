import { Parser } from 'htmlparser2';
import { twoSpaces } from './plain-searches.js';

/**
 * Turns an invite body into plain text: HTML becomes lines (paragraphs, list items, breaks), with
 * entities decoded and scripts/styles dropped; plain text passes through untouched. List items
 * keep a bullet or their number so the agenda extractor can still see the list.
 */

const blockTags = new Set([
  'address', 'article', 'blockquote', 'dd', 'div', 'dl', 'dt', 'footer', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'p', 'pre', 'section', 'table', 'tr', 'ul', 'ol', 'li', 'title',
]);
const skippedTags = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'xml']);
/** Block tags make a body HTML; a markdown or plain body with a stray <span> keeps its own lines. */
const htmlSignature = /<\/?(?:p|div|br|ul|ol|li|table|tr|td|html|body|h[1-6])\b[^>]*>/i;
const inlineTag = /<\/?(?:span|b|i|u|strong|em|a|font|small|sup|sub|code)\b[^>]*>/gi;
/** In HTML text a run of whitespace is one space; a run that is already one space is left alone. */
const whitespaceRuns = /[\t\r\n ]+/g;
/** `whitespaceRuns` would change the text: a tab, a line break or two spaces (one expression: half the time of four plain searches). */
const foldableWhitespace = /[\t\r\n]| {2}/;
const hasFoldableWhitespace = (text: string) => foldableWhitespace.test(text);
const oddSpaces = /[\u00a0\t\f\v]/g;
/** `oddSpaces` would match: four plain searches cost less than one character-class scan of the text. */
const hasOddSpace = (text: string) => text.includes('\u00a0') || text.includes('\t') || text.includes('\f') || text.includes('\v');

export function looksLikeHtml(text: string): boolean {
  // Every tag starts with "<": a body without one is not scanned for tags.
  return text.includes('<') && htmlSignature.test(text);
}

/** Plain text with a few inline tags: the tags go, the lines stay. */
export function withoutInlineTags(text: string): string {
  return text.includes('<') ? text.replace(inlineTag, '') : text;
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  const lists: { ordered: boolean; count: number }[] = [];
  let skipDepth = 0;
  // Each text chunk is a piece of the HTML or one decoded entity: if the HTML holds no foldable
  // whitespace and no "&", no chunk does, and the chunks (a dozen an invite) need not be searched.
  const chunksMayFold = hasFoldableWhitespace(html) || html.includes('&');

  const newline = () => {
    if (out.length > 0 && out[out.length - 1] !== '\n') out.push('\n');
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (skippedTags.has(name)) skipDepth++;
        if (skipDepth > 0) return;
        if (name === 'br') out.push('\n');
        else if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', count: 0 });
        else if (name === 'li') {
          newline();
          const list = lists[lists.length - 1];
          if (list?.ordered) out.push(`${++list.count}. `);
          else out.push('• ');
        } else if (name === 'td' || name === 'th') out.push(' ');
        else if (blockTags.has(name)) newline();
      },
      ontext(text) {
        if (skipDepth === 0) out.push(chunksMayFold && hasFoldableWhitespace(text) ? text.replace(whitespaceRuns, ' ') : text);
      },
      onclosetag(name) {
        if (skippedTags.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (name === 'ul' || name === 'ol') lists.pop();
        if (blockTags.has(name)) newline();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tidyLines(out.join(''));
}

/** What any pass of tidyLines replaces holds one of these: a line break, "\r", an odd space or two spaces. */
const hasLineBreakOrSpaceToTidy = /[\n\r\u00a0\t\f\v]| {2}/;
const spaceThenSpaceOrBreak = / [ \n]/;

/** Trims each line, folds runs of spaces and keeps at most one blank line in a row. */
export function tidyLines(text: string): string {
  // A text of one line without odd or doubled spaces (most subjects) needs none of the passes below: one test says so.
  if (!hasLineBreakOrSpaceToTidy.test(text)) return text.trim();
  // Whole-text passes: far cheaper than splitting into lines and cleaning each one. Each pass
  // runs only when the text holds what it replaces: most bodies need none or one of them.
  let tidy = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (hasOddSpace(tidy)) tidy = tidy.replace(oddSpaces, ' ');
  // Both passes below need a space before a space or a line break: one scan rules both out (a
  // plain search for "  " or " \n" stops at every space and costs twice as much). Folding spaces
  // makes no " \n" that was not there before.
  const spaceBeforeSpaceOrBreak = spaceThenSpaceOrBreak.test(tidy);
  if (spaceBeforeSpaceOrBreak && twoSpaces.test(tidy)) tidy = tidy.replace(/ {2,}/g, ' ');
  if ((spaceBeforeSpaceOrBreak && tidy.includes(' \n')) || tidy.includes('\n ')) tidy = tidy.replace(/ ?\n ?/g, '\n');
  if (tidy.includes('\n\n\n')) tidy = tidy.replace(/\n{3,}/g, '\n\n');
  return tidy.trim();
}
