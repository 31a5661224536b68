import { escapeHtml } from '../core/thread/render-thread.js';

/** What a trimmed meeting's pre-read holds: the parts that need no meeting. */
export interface PreRead {
  title: string;
  /** Agenda items to read before the meeting. */
  read: string[];
  /** What the shorter meeting is for. */
  discuss: string[];
  keepMinutes: number;
  createdAt: string;
}

/** The pre-read as a small self-contained HTML page (no scripts, no outside assets). */
export function preReadPage(preRead: PreRead): string {
  const list = (items: string[]) => (items.length > 0 ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '<p>Nothing listed.</p>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Pre-read: ${escapeHtml(preRead.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f1f1f}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}</style>
</head><body>
<h1>Pre-read: ${escapeHtml(preRead.title)}</h1>
<p>Please read this before the meeting. The meeting is shortened to ${preRead.keepMinutes} minutes and keeps only what needs the room.</p>
<h2>To read</h2>${list(preRead.read)}
<h2>In the meeting</h2>${list(preRead.discuss)}
</body></html>
`;
}
