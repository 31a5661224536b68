import type { AsyncThread } from '../verdict.js';

/**
 * An async thread as a message body: plain text (copy to clipboard, a chat message, the text part
 * of an e-mail) and HTML (the e-mail itself). Every surface that posts a thread renders it here,
 * so the wording is the same in Outlook, Gmail, Teams and the CLI.
 */

export function threadAsText(thread: AsyncThread): string {
  const lines = [thread.intro.trim(), ''];
  thread.items.forEach((item, index) => {
    lines.push(`${index + 1}. ${item.heading}${item.owner ? ` (${item.owner})` : ''}`);
    if (item.body.trim()) lines.push(`   ${item.body.trim()}`);
    if (item.ask) lines.push(`   → ${item.ask}`);
    lines.push('');
  });
  lines.push(`Please reply by ${thread.replyBy}.`);
  return lines.join('\n');
}

export function threadAsHtml(thread: AsyncThread): string {
  const paragraphs = thread.intro
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const items = thread.items
    .map(
      (item) =>
        `<li><strong>${escapeHtml(item.heading)}</strong>${item.owner ? ` <em>(${escapeHtml(item.owner)})</em>` : ''}` +
        (item.body.trim() ? `<br>${escapeHtml(item.body.trim())}` : '') +
        (item.ask ? `<br>→ ${escapeHtml(item.ask)}` : '') +
        '</li>',
    )
    .join('');
  return `${paragraphs}<ol>${items}</ol><p>Please reply by <strong>${escapeHtml(thread.replyBy)}</strong>.</p>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
