import { escapeHtml, threadAsHtml, threadAsText } from '../../../src/core/thread/render-thread.js';
import type { AsyncThread } from '../../../src/core/verdict.js';

const thread: AsyncThread = {
  title: 'Async update: Weekly status',
  intro: 'This replaces our meeting.\n\nReply in the thread.',
  items: [
    { heading: 'Numbers <Q3>', body: 'Revenue & churn are in the dashboard.', owner: 'Mei', ask: 'Flag anything off by Friday' },
    { heading: 'Hiring', body: '' },
  ],
  replyBy: '2025-06-06',
  recipients: ['a@example.com'],
  source: 'template',
};

describe('rendering a thread', () => {
  it('as text: numbered items with owner, body and ask, then the reply-by date', () => {
    expect(threadAsText(thread)).toBe(
      [
        'This replaces our meeting.\n\nReply in the thread.',
        '',
        '1. Numbers <Q3> (Mei)',
        '   Revenue & churn are in the dashboard.',
        '   → Flag anything off by Friday',
        '',
        '2. Hiring',
        '',
        'Please reply by 2025-06-06.',
      ].join('\n'),
    );
  });

  it('as HTML: escapes everything the thread says', () => {
    const html = threadAsHtml({ ...thread, intro: '<script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('<li><strong>Numbers &#60;Q3&#62;</strong> <em>(Mei)</em><br>Revenue &#38; churn are in the dashboard.<br>→ Flag anything off by Friday</li>');
    expect(escapeHtml(`"'`)).toBe('&#34;&#39;');
  });
});
