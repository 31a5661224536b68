/// <reference types="office-js" />
import { createRequire } from 'node:module';
import { jest } from '@jest/globals';
import type * as OfficeAddinMock from 'office-addin-mock';

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose ESM-only
// dependencies (strip-bom via @microsoft/app-manifest) Jest's CommonJS loader cannot require on
// Node 20. Stand in for that one enum, then require office-addin-mock itself unchanged.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));
const { OfficeMockObject } = createRequire(import.meta.url)('office-addin-mock') as typeof OfficeAddinMock;

/** A field the fake appointment returns: a value, or a failed AsyncResult with this message. */
export type Field<T> = { value: T } | { fail: string };

export interface FakeAppointmentData {
  subject?: Field<string>;
  body?: Field<string>;
  requiredAttendees?: Field<Array<{ displayName: string; emailAddress: string; recipientType: string }>>;
  optionalAttendees?: Field<Array<{ displayName: string; emailAddress: string; recipientType: string }>>;
  start?: Field<Date>;
  end?: Field<Date>;
  recurrence?: Field<{ recurrenceType: string; recurrenceProperties?: { interval: number } } | null>;
  location?: Field<string>;
  organizer?: Field<{ displayName: string; emailAddress: string; recipientType?: string }>;
}

function settle<T>(field: Field<T>, callback: (result: unknown) => void): void {
  const result = 'fail' in field ? { status: 'failed', value: undefined, error: { name: 'GenericResponseError', message: field.fail, code: 9020 } } : { status: 'succeeded', value: field.value };
  setTimeout(() => callback(result), 0);
}

export interface FakeAppointment {
  item: Office.AppointmentCompose;
  session: Map<string, string>;
  notifications: Array<{ key: string; details: Record<string, unknown> }>;
}

/** An office-addin-mock appointment (compose) whose getAsync calls answer from `data`; absent fields have no API. */
export function fakeAppointment(data: FakeAppointmentData, options: { sessionFails?: boolean; notificationFails?: boolean } = {}): FakeAppointment {
  const session = new Map<string, string>();
  const notifications: FakeAppointment['notifications'] = [];
  const mock: Record<string, unknown> = { host: 'outlook' };
  for (const [name, field] of Object.entries(data) as Array<[string, Field<unknown>]>) {
    if (field === undefined) continue;
    mock[name] =
      name === 'body'
        ? { getAsync: (_coercion: unknown, callback: (r: unknown) => void) => settle(field, callback) }
        : { getAsync: (callback: (r: unknown) => void) => settle(field, callback) };
  }
  mock.sessionData = {
    getAsync: (key: string, callback: (r: unknown) => void) =>
      settle(options.sessionFails ? { fail: 'session unavailable' } : { value: session.get(key) ?? '' }, callback),
    setAsync: (key: string, value: string, callback: (r: unknown) => void) => {
      if (!options.sessionFails) session.set(key, value);
      settle(options.sessionFails ? { fail: 'session unavailable' } : { value: undefined }, callback);
    },
  };
  mock.notificationMessages = {
    addAsync: (key: string, details: Record<string, unknown>, callback: (r: unknown) => void) => {
      if (!options.notificationFails) notifications.push({ key, details });
      settle(options.notificationFails ? { fail: 'notification refused' } : { value: undefined }, callback);
    },
  };
  const item = new OfficeMockObject(mock) as unknown as Office.AppointmentCompose;
  return { item, session, notifications };
}

/** office-addin-mock itself, for tests that mock a whole Office namespace (host "outlook"). */
export { OfficeMockObject };
