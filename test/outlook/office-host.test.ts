/// <reference types="office-js" />
import { describe, expect, it } from '@jest/globals';
import { followedEvents, outlookHost } from '../../src/outlook/taskpane/office-host.js';
import { OfficeMockObject } from './office-fakes.js';

/**
 * The task pane's Outlook host over an office-addin-mock Office namespace (host "outlook"): it reads
 * through the Office adapter, follows attendee/time/recurrence changes, trims (end time, then a
 * pre-read prepended as HTML), closes only when asked, and follows the Office theme.
 */

const eventType = { AppointmentTimeChanged: 'olkAppointmentTimeChanged', RecipientsChanged: 'olkRecipientsChanged', RecurrenceChanged: 'olkRecurrenceChanged' };

function fakeOffice(options: { theme?: string; endFails?: boolean } = {}) {
  const start = new Date('2026-03-02T09:00:00Z');
  const state = { end: new Date('2026-03-02T10:00:00Z'), body: '<p>Agenda: status round</p>', closed: 0 };
  const handlers: Record<string, Array<(event: unknown) => void>> = {};
  const writes: string[] = [];
  const ok = (value: unknown) => ({ status: 'succeeded', value });
  const later = (callback: (result: unknown) => void, result: unknown) => setTimeout(() => callback(result), 0);
  const get = (value: () => unknown) => ({ getAsync: (...args: unknown[]) => later(args.at(-1) as (r: unknown) => void, ok(value())) });
  const mock = new OfficeMockObject({
    host: 'outlook',
    EventType: eventType,
    context: {
      officeTheme: { bodyBackgroundColor: options.theme ?? '#ffffff' },
      mailbox: {
        userProfile: { displayName: 'Orla Organizer', emailAddress: 'orla@contoso.com' },
        item: {
          subject: get(() => 'Weekly status'),
          body: {
            getAsync: (_coercion: unknown, callback: (r: unknown) => void) => later(callback, ok(state.body)),
            prependAsync: (html: string, settings: { coercionType: string }, callback: (r: unknown) => void) => {
              writes.push(`prepend:${settings.coercionType}`);
              state.body = html + state.body;
              later(callback, ok(undefined));
            },
          },
          requiredAttendees: get(() => [
            { displayName: 'Orla Organizer', emailAddress: 'ORLA@contoso.com', recipientType: 'user' },
            { displayName: 'Ana', emailAddress: 'ana@contoso.com', recipientType: 'user' },
          ]),
          optionalAttendees: get(() => []),
          start: get(() => start),
          end: {
            getAsync: (callback: (r: unknown) => void) => later(callback, ok(state.end)),
            setAsync: (value: Date, callback: (r: unknown) => void) => {
              writes.push('end');
              if (options.endFails) return later(callback, { status: 'failed', error: { name: 'GenericResponseError', message: 'end is read-only here', code: 9020 } });
              state.end = value;
              later(callback, ok(undefined));
            },
          },
          recurrence: get(() => null),
          location: get(() => 'Room 4'),
          organizer: get(() => ({ displayName: 'Orla Organizer', emailAddress: 'orla@contoso.com' })),
          addHandlerAsync: (type: string, handler: (event: unknown) => void) => {
            (handlers[type] ??= []).push(handler);
          },
          close: () => {
            state.closed++;
          },
        },
      },
    },
  });
  return { office: mock as unknown as typeof Office, state, handlers, writes, start };
}

describe('outlookHost', () => {
  it('reads the draft through the Office adapter, the organizer counted once', async () => {
    const { office } = fakeOffice();
    const { invite, unreadFields } = await outlookHost(office).read();
    expect(unreadFields).toEqual([]);
    expect(invite.subject).toBe('Weekly status');
    expect(invite.attendees.map((a) => a.email)).toEqual(['ana@contoso.com']);
    expect(invite.durationMinutes).toBe(60);
  });

  it('follows attendee, time and recurrence changes, and the listener sees the new draft', async () => {
    const fake = fakeOffice();
    const host = outlookHost(fake.office);
    const seen: number[] = [];
    host.onChange(() => void host.read().then(({ invite }) => seen.push(invite.durationMinutes)));
    expect(Object.keys(fake.handlers).sort()).toEqual(followedEvents.map((name) => eventType[name]).sort());
    fake.state.end = new Date('2026-03-02T09:45:00Z');
    fake.handlers.olkAppointmentTimeChanged![0]!({ type: 'olkAppointmentTimeChanged' });
    fake.handlers.olkRecipientsChanged![0]!({ type: 'olkRecipientsChanged' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([45, 45]);
  });

  it('trims: the end moves to start + kept minutes, then the pre-read is prepended as HTML', async () => {
    const fake = fakeOffice();
    await outlookHost(fake.office).trim(20, '<p><strong>Pre-read</strong></p><ul><li>Status round</li></ul><hr>');
    expect(fake.state.end.getTime()).toBe(fake.start.getTime() + 20 * 60_000);
    expect(fake.writes).toEqual(['end', 'prepend:html']);
    expect(fake.state.body.startsWith('<p><strong>Pre-read</strong>')).toBe(true);
    expect(fake.state.closed).toBe(0);
  });

  it('a refused end time stops the trim before the body is touched, with the reason', async () => {
    const fake = fakeOffice({ endFails: true });
    await expect(outlookHost(fake.office).trim(20, '<p>Pre-read</p>')).rejects.toThrow(/end is read-only here/);
    expect(fake.writes).toEqual(['end']);
    expect(fake.state.body).toBe('<p>Agenda: status round</p>');
  });

  it('closes the draft only when asked', () => {
    const fake = fakeOffice();
    const host = outlookHost(fake.office);
    expect(fake.state.closed).toBe(0);
    host.close();
    expect(fake.state.closed).toBe(1);
  });

  it('follows the Office theme: dark body background → dark, light → light', () => {
    expect(outlookHost(fakeOffice({ theme: '#1f1f1f' }).office).theme()).toBe('dark');
    expect(outlookHost(fakeOffice({ theme: '#fafafa' }).office).theme()).toBe('light');
    expect(outlookHost(fakeOffice({ theme: '' }).office).theme()).toBeUndefined();
  });
});
