import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarError, type CalendarAccount, type CalendarSource, type TimeRange } from '../../src/calendars/calendar-source.js';
import { createCalendarSource } from '../../src/calendars/create-calendar-source.js';

const week: TimeRange = { start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-06-08T00:00:00Z') };

describe('createCalendarSource', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'calendar-factory-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads an { ics } account with no configuration at all', async () => {
    const path = join(directory, 'one.ics');
    writeFileSync(
      path,
      ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:x', 'SUMMARY:Sync', 'DTSTART:20260602T090000Z', 'DTEND:20260602T093000Z', 'ORGANIZER:mailto:bob@example.com', 'ATTENDEE:mailto:ana@example.com', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'),
    );
    const meetings = await createCalendarSource().meetings({ ics: path }, week, { userEmail: 'ana@example.com' });
    expect(meetings.map((meeting) => meeting.invite.subject)).toEqual(['Sync']);
  });

  it('hands { graph } and { google } accounts to their sources, with the options', async () => {
    const calls: string[] = [];
    const fake = (name: string): CalendarSource => ({
      meetings: async (account, range, options) => {
        calls.push(`${name}:${JSON.stringify(account)}:${options?.userEmail ?? ''}:${range.start.toISOString()}`);
        return [];
      },
    });
    const source = createCalendarSource({ graph: fake('graph'), google: fake('google') });
    await source.meetings({ graph: 'user-1' }, week, { userEmail: 'ana@example.com' });
    await source.meetings({ google: 'ana@example.com' }, week);
    expect(calls).toEqual(['graph:{"graph":"user-1"}:ana@example.com:2026-06-01T00:00:00.000Z', 'google:{"google":"ana@example.com"}::2026-06-01T00:00:00.000Z']);
  });

  it('says which variables to set when Graph or Google is not configured', async () => {
    const source = createCalendarSource();
    await expect(source.meetings({ graph: 'user-1' }, week)).rejects.toThrow(new CalendarError('Microsoft Graph calendars are not configured: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET'));
    await expect(source.meetings({ google: 'ana@example.com' }, week)).rejects.toThrow(/Google calendars are not configured: set GOOGLE_SERVICE_ACCOUNT_EMAIL and GOOGLE_SERVICE_ACCOUNT_KEY_FILE/);
  });

  it('refuses an unknown or ambiguous account kind, listing the kinds there are', async () => {
    const source = createCalendarSource();
    await expect(source.meetings({ outlook: 'x' } as unknown as CalendarAccount, week)).rejects.toThrow('No such calendar kind (found "outlook"; expected exactly one of ics, graph, google)');
    await expect(source.meetings({ ics: 'a', graph: 'b' } as unknown as CalendarAccount, week)).rejects.toThrow(/found "ics", "graph"/);
    await expect(source.meetings({ ics: ' ' }, week)).rejects.toThrow('calendar account "ics" needs a non-empty string');
  });

  it('refuses a range that is empty or not made of dates', async () => {
    const source = createCalendarSource();
    await expect(source.meetings({ ics: 'x.ics' }, { start: week.end, end: week.start })).rejects.toThrow(/start before end/);
    await expect(source.meetings({ ics: 'x.ics' }, { start: new Date('nope'), end: week.end })).rejects.toThrow(CalendarError);
  });
});

describe('calendarSourceDepsFromConfig', () => {
  it('configures Graph only with a client secret', async () => {
    const { calendarSourceDepsFromConfig } = await import('../../src/calendars/create-calendar-source.js');
    const entra = { tenantId: 't', clientId: 'c', authorityUrl: 'https://login.microsoftonline.com' };
    const base = { graphBaseUrl: 'https://graph.microsoft.com/v1.0', googleApiRootUrl: 'https://www.googleapis.com/' };
    expect(calendarSourceDepsFromConfig({ ...base, entra }).graph).toBeUndefined();
    expect(calendarSourceDepsFromConfig({ ...base, entra: { ...entra, clientSecret: 's' } }).graph).toBeDefined();
  });

  it('configures Google with a key file, and says so when the file cannot be read', async () => {
    const { calendarSourceDepsFromConfig } = await import('../../src/calendars/create-calendar-source.js');
    const base = { graphBaseUrl: 'https://graph.microsoft.com/v1.0', googleApiRootUrl: 'https://www.googleapis.com/' };
    expect(calendarSourceDepsFromConfig(base).google).toBeUndefined();
    const deps = calendarSourceDepsFromConfig({ ...base, google: { serviceAccountEmail: 'sa@x.iam.gserviceaccount.com', keyFile: join(tmpdir(), 'invite-challenger-missing-key.json') } });
    await expect(createCalendarSource(deps).meetings({ google: 'ana@example.com' }, week)).rejects.toThrow(/^GOOGLE_SERVICE_ACCOUNT_KEY_FILE: cannot read .*missing-key\.json \(ENOENT\)$/);
  });
});
