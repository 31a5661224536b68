/// <reference types="office-js" />
import { looksOnline, officeAsync, readDraftInvite, toIsoWithOffset, toRecurrence } from '../../src/outlook/office/read-draft.js';
import { fakeAppointment, type FakeAppointmentData } from './office-fakes.js';

const start = new Date('2026-03-02T09:00:00Z');
const end = new Date('2026-03-02T09:45:00Z');
const person = (email: string, recipientType = 'user', displayName = email.split('@')[0] ?? email) => ({ displayName, emailAddress: email, recipientType });

const full: FakeAppointmentData = {
  subject: { value: 'Weekly status readout' },
  body: { value: '<p>Each team reads out its status.</p><a href="https://teams.microsoft.com/l/meetup-join/19%3ameeting">Join</a>' },
  requiredAttendees: { value: [person('ana@contoso.com'), person('ben@contoso.com', 'externalUser')] },
  optionalAttendees: { value: [person('cy@contoso.com', 'other')] },
  start: { value: start },
  end: { value: end },
  recurrence: { value: { recurrenceType: 'weekly', recurrenceProperties: { interval: 1 } } },
  location: { value: 'Room 4' },
  organizer: { value: person('org@contoso.com', 'user', 'Orla Organizer') },
};

describe('readDraftInvite', () => {
  it('reads every field', async () => {
    const { invite, unreadFields } = await readDraftInvite(fakeAppointment(full).item);
    expect(unreadFields).toEqual([]);
    expect(invite.subject).toBe('Weekly status readout');
    expect(invite.body).toContain('Each team reads out its status.');
    expect(invite.attendees).toEqual([
      { name: 'ana', email: 'ana@contoso.com', type: 'required' },
      { name: 'ben', email: 'ben@contoso.com', type: 'required' },
      { name: 'cy', email: 'cy@contoso.com', type: 'optional' },
    ]);
    expect(Date.parse(invite.start)).toBe(start.getTime());
    expect(invite.start).toMatch(/[+-]\d{2}:\d{2}$/);
    expect(invite.durationMinutes).toBe(45);
    expect(invite.recurrence).toBe('weekly');
    expect(invite.location).toBe('Room 4');
    expect(invite.organizer).toEqual({ name: 'Orla Organizer', email: 'org@contoso.com' });
    expect(invite.isOnline).toBe(true);
    expect(invite.source).toBe('outlook-draft');
  });

  it('counts the organizer once when classic Outlook lists them as a required attendee', async () => {
    const data = { ...full, requiredAttendees: { value: [person('ORG@Contoso.com'), person('ana@contoso.com')] } };
    const { invite } = await readDraftInvite(fakeAppointment(data).item);
    expect(invite.attendees.map((a) => a.email)).toEqual(['ana@contoso.com', 'cy@contoso.com']);
  });

  it('uses options.organizerEmail when the organizer cannot be read, and still drops them from attendees', async () => {
    const data = { ...full, organizer: { fail: 'no organizer' }, requiredAttendees: { value: [person('me@contoso.com'), person('ana@contoso.com')] } };
    const { invite, unreadFields } = await readDraftInvite(fakeAppointment(data).item, { organizerEmail: 'Me@contoso.com' });
    expect(unreadFields).toEqual(['organizer']);
    expect(invite.organizer).toEqual({ email: 'Me@contoso.com' });
    expect(invite.attendees.map((a) => a.email)).toEqual(['ana@contoso.com', 'cy@contoso.com']);
  });

  it('maps distribution lists and groups to attendee type group', async () => {
    const data = {
      ...full,
      requiredAttendees: { value: [person('all-staff@contoso.com', 'distributionList'), person('ana@contoso.com')] },
      optionalAttendees: { value: [person('team@contoso.com', 'group')] },
    };
    const { invite } = await readDraftInvite(fakeAppointment(data).item);
    expect(invite.attendees).toEqual([
      { name: 'all-staff', email: 'all-staff@contoso.com', type: 'group' },
      { name: 'ana', email: 'ana@contoso.com', type: 'required' },
      { name: 'team', email: 'team@contoso.com', type: 'group' },
    ]);
  });

  it('degrades a failed field without losing the others and names it', async () => {
    const data = { ...full, body: { fail: 'body unavailable' }, optionalAttendees: { fail: 'nope' } };
    const { invite, unreadFields } = await readDraftInvite(fakeAppointment(data).item);
    expect(unreadFields.sort()).toEqual(['body', 'optionalAttendees']);
    expect(invite.body).toBe('');
    expect(invite.subject).toBe('Weekly status readout');
    expect(invite.attendees).toHaveLength(2);
    expect(invite.durationMinutes).toBe(45);
  });

  it('treats missing APIs as unread fields with neutral values', async () => {
    const { invite, unreadFields } = await readDraftInvite(fakeAppointment({ subject: { value: 'Hi' } }).item);
    expect(unreadFields.sort()).toEqual(['body', 'end', 'location', 'optionalAttendees', 'organizer', 'recurrence', 'requiredAttendees', 'start'].sort());
    expect(invite.subject).toBe('Hi');
    expect(invite.body).toBe('');
    expect(invite.attendees).toEqual([]);
    expect(invite.durationMinutes).toBe(30);
    expect(invite.recurrence).toBeUndefined();
    expect(invite.location).toBeUndefined();
    expect(invite.isOnline).toBeUndefined();
  });

  it('reads a single (non-recurring) appointment as recurrence null', async () => {
    const { invite } = await readDraftInvite(fakeAppointment({ ...full, recurrence: { value: null } }).item);
    expect(invite.recurrence).toBeNull();
  });
});

describe('officeAsync', () => {
  it('rejects with an error naming the field', async () => {
    await expect(officeAsync('subject', (cb) => cb({ status: 'failed', error: { message: 'boom' } } as unknown as Office.AsyncResult<string>))).rejects.toThrow(
      "Could not read the appointment's subject: boom",
    );
  });
  it('rejects when the call throws', async () => {
    await expect(officeAsync('start', () => { throw new TypeError('no API'); })).rejects.toThrow("appointment's start: no API");
  });
});

describe('helpers', () => {
  it('maps recurrence types', () => {
    const r = (recurrenceType: string, interval = 1) => toRecurrence({ recurrenceType, recurrenceProperties: { interval } } as unknown as Office.Recurrence);
    expect(r('daily')).toBe('daily');
    expect(r('weekly')).toBe('weekly');
    expect(r('weekly', 2)).toBe('biweekly');
    expect(r('weekly', 3)).toBe('FREQ=WEEKLY;INTERVAL=3');
    expect(r('monthly')).toBe('monthly');
    expect(r('relativeMonthly')).toBe('monthly');
    expect(r('yearly')).toBe('FREQ=YEARLY');
    expect(toRecurrence(null)).toBeNull();
  });
  it('formats ISO with an offset that denotes the same instant', () => {
    const date = new Date('2026-07-01T12:34:00Z');
    expect(Date.parse(toIsoWithOffset(date))).toBe(date.getTime());
  });
  it('detects online meetings', () => {
    expect(looksOnline('Join: https://zoom.us/j/123', '')).toBe(true);
    expect(looksOnline('', 'Microsoft Teams Meeting')).toBe(true);
    expect(looksOnline('See you in room 4', 'Room 4')).toBe(false);
  });
});
