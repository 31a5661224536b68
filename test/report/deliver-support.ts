import type { Mailer, MailMessage, SentMail } from '../../src/mail/mailer.js';
import { UnsubscribeLinks } from '../../src/report/unsubscribe.js';
import type { ComposeReport, RenderedReport, ReportRequest } from '../../src/report/weekly-report.js';
import type { Store, StoredUser } from '../../src/store/store.js';

/** A small composer and an in-memory mailer, so delivery can be tested without calendars or SMTP. */

export const testSecret = 'test-signing-secret-0123456789abcdef';
export const testLinks = new UnsubscribeLinks(testSecret, 'https://challenger.example.com');

export function fakeComposer(): ComposeReport & { requests: ReportRequest[] } {
  const requests: ReportRequest[] = [];
  const compose = async (request: ReportRequest): Promise<RenderedReport> => {
    requests.push(request);
    return {
      subject: `Your week ${request.isoWeek}: 2 h could have been async`,
      html: `<p>Hello ${request.recipient.email}</p><a href="${request.links.unsubscribeUrl}">Unsubscribe</a>`,
      text: `Hello ${request.recipient.email}\nUnsubscribe: ${request.links.unsubscribeUrl}`,
      summary: {
        meetings: 3,
        meetingHours: 4,
        asyncMeetings: 1,
        trimMeetings: 1,
        personHoursBack: 6,
        costBack: { amount: 450, currency: 'USD' },
        judgeCalls: 2,
        hoursByVerdict: { async: 2, trim: 1, keep: 1 },
        hoursBack: 2.5,
        recurringSeries: 1,
      },
    };
  };
  return Object.assign(compose, { requests });
}

export class MemoryMailer implements Mailer {
  readonly name = 'smtp' as const;
  readonly sent: MailMessage[] = [];
  /** Failures to throw on the next sends, in order. */
  readonly failures: Error[] = [];
  async send(message: MailMessage): Promise<SentMail> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    return { messageId: message.headers['Message-ID'] ?? `<${this.sent.length}@test>` };
  }
  async close(): Promise<void> {}
}

export async function importUsers(store: Store, count: number, prefix = 'user'): Promise<StoredUser[]> {
  for (let index = 0; index < count; index++) {
    await store.users.upsertByEmail({ email: `${prefix}${index}@example.com`, timeZone: 'Europe/Paris', calendar: { ics: `/calendars/${prefix}${index}.ics` }, optIn: true });
  }
  return (await store.users.listUsers()).filter((user) => user.email?.startsWith(prefix));
}
