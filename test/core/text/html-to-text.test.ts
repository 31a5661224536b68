import { htmlToText, looksLikeHtml, tidyLines } from '../../../src/core/text/html-to-text.js';

describe('htmlToText', () => {
  it('turns paragraphs and list items into lines, keeping bullets and numbers', () => {
    const text = htmlToText('<p>Agenda</p><ul><li>Status</li><li>Decide: A or B</li></ul><ol><li>One</li><li>Two</li></ol>');
    expect(text.split('\n')).toEqual(['Agenda', '• Status', '• Decide: A or B', '1. One', '2. Two']);
  });

  it('decodes entities and drops scripts and styles', () => {
    expect(htmlToText('<style>p{color:red}</style><p>Click &amp; collect&nbsp;KPIs</p><script>alert(1)</script>')).toBe('Click & collect KPIs');
  });

  it('treats <br> as a line break', () => {
    expect(htmlToText('Join with Google Meet<br>meet.google.com/abc')).toBe('Join with Google Meet\nmeet.google.com/abc');
  });

  it('recognises HTML but not plain text with angle brackets', () => {
    expect(looksLikeHtml('<p>Hello</p>')).toBe(true);
    expect(looksLikeHtml('Budget < 5% over plan, > 2 weeks late')).toBe(false);
  });

  it('flattens a 1 MB body quickly', () => {
    const html = `<div>${'<p>Status of the migration &amp; next steps</p>'.repeat(22_000)}</div>`;
    const started = performance.now();
    const text = htmlToText(html);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(text.startsWith('Status of the migration & next steps')).toBe(true);
  });
});

describe('htmlToText whitespace', () => {
  it.each([
    ['a line break', '<p>Budget\nreview</p>'],
    ['a carriage return', '<p>Budget\r\nreview</p>'],
    ['a tab', '<p>Budget\treview</p>'],
    ['a run of spaces', '<p>Budget   review</p>'],
  ])('folds %s inside a paragraph into one space', (_name, html) => {
    expect(htmlToText(html)).toBe('Budget review');
  });
});

describe('tidyLines', () => {
  it.each([
    ['no-break space', 'Budget\u00a0review'],
    ['tab', 'Budget\treview'],
    ['form feed', 'Budget\freview'],
    ['vertical tab', 'Budget\vreview'],
  ])('turns a %s into a plain space', (_name, text) => {
    expect(tidyLines(text)).toBe('Budget review');
  });

  it('folds runs of spaces, trims lines and keeps at most one blank line', () => {
    expect(tidyLines('  Agenda \r\n\u00a0\u00a0• Status\t\t update \n\n\n\nThanks  ')).toBe('Agenda\n• Status update\n\nThanks');
  });

  it('leaves tidy text as it is', () => {
    expect(tidyLines('Agenda\n• Status\n\nThanks')).toBe('Agenda\n• Status\n\nThanks');
  });
});

