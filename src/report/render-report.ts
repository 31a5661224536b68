import { render, toPlainText } from '@react-email/render';
import { createElement } from 'react';
import { WeeklyReportEmail } from './email/WeeklyReportEmail.js';
import type { WeeklyReport } from './weekly-report-model.js';

/** The e-mail's three parts, rendered from one React tree so HTML and text say the same figures. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** html-to-text options for the plain-text part: a chart row becomes its `data-plain-text` sentence. */
export const plainTextOptions = {
  formatters: {
    plainTextAttribute: (element: { attribs?: Record<string, string> }, _walk: unknown, builder: { openBlock: (options?: object) => void; addInline: (text: string) => void; closeBlock: (options?: object) => void }) => {
      builder.openBlock({ leadingLineBreaks: 1 });
      builder.addInline(element.attribs?.['data-plain-text'] ?? '');
      builder.closeBlock({ trailingLineBreaks: 1 });
    },
  },
  selectors: [
    { selector: '[data-plain-text]', format: 'plainTextAttribute' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'ul', options: { itemPrefix: ' - ' } },
  ],
};

export async function renderWeeklyReport(report: WeeklyReport): Promise<RenderedEmail> {
  const element = createElement(WeeklyReportEmail, { report });
  // What render(element, { plainText: true }) does, without rendering the tree a second time.
  const html = await render(element);
  const text = toPlainText(html, plainTextOptions);
  return { subject: oneLineSubject(report.subject), html, text: text.replace(/\n{3,}/g, '\n\n').trim() + '\n' };
}

/** A header must not carry a line break (header injection) and long subjects get clipped anyway. */
function oneLineSubject(subject: string): string {
  return subject.replace(/[\r\n\t]+/g, ' ').trim();
}
