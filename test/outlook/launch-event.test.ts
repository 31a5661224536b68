/// <reference types="office-js" />
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  blockConfidence,
  insightNotificationKey,
  launchEventHandlers,
  onAppointmentAttendeesChanged,
  onAppointmentSend,
  onAppointmentTimeChanged,
  onNewAppointmentOrganizer,
  setHandlerEnvironment,
  smartAlertMessage,
  taskPaneCommandId,
  verdictFreshMs,
  verdictSessionKey,
  type SmartAlertMode,
  type StoredVerdict,
} from '../../src/outlook/launchevent/launch-event.js';
import { fakeAppointment, type FakeAppointmentData, type FakeAppointment } from './office-fakes.js';

interface Fixture {
  id: string;
  subject: string;
  body: string;
  organizer: { name: string; email: string };
  attendees: Array<{ name: string; email: string; type: string }>;
  start: string;
  durationMinutes: number;
}
const fixtures = readFileSync(new URL('../fixtures/labelled-invites.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Fixture);
const fixture = (id: string): Fixture => fixtures.find((f) => f.id === id) ?? (() => { throw new Error(`no fixture ${id}`); })();

/** f002: weekly depot numbers round (async, 0.97). f015: SEV1 incident bridge (sensitive keep). */
function draftFrom(f: Fixture): FakeAppointmentData {
  const start = new Date(f.start);
  return {
    subject: { value: f.subject },
    body: { value: f.body },
    requiredAttendees: { value: [f.organizer, ...f.attendees].map((a) => ({ displayName: a.name, emailAddress: a.email, recipientType: 'user' })) },
    optionalAttendees: { value: [] },
    start: { value: start },
    end: { value: new Date(start.getTime() + f.durationMinutes * 60_000) },
    recurrence: { value: { recurrenceType: 'weekly', recurrenceProperties: { interval: 1 } } },
    location: { value: '' },
    organizer: { value: { displayName: f.organizer.name, emailAddress: f.organizer.email } },
  };
}

const asyncDraft = draftFrom(fixture('f002'));
const sensitiveDraft = draftFrom(fixture('f015'));
const keepDraft: FakeAppointmentData = { ...asyncDraft, subject: { value: 'Planning' }, body: { value: '' } };

function fakeEvent() {
  const completed = jest.fn<(options?: Record<string, unknown>) => void>();
  return { event: { completed }, completed };
}

const clock = 1_800_000_000_000;
function useAppointment(fake: FakeAppointment, mode: SmartAlertMode = 'soft-block') {
  setHandlerEnvironment({ item: () => fake.item, smartAlertMode: () => mode, now: () => clock });
  return fake;
}

afterEach(() => setHandlerEnvironment());

function stored(overrides: Partial<StoredVerdict> = {}): string {
  return JSON.stringify({ verdict: 'async', confidence: 0.95, sensitive: false, personHours: 2.5, at: clock - 1000, ...overrides });
}

describe('onAppointmentSend (Smart Alert)', () => {
  it('soft-blocks a confident, non-sensitive async invite with why, the cost and the task pane command', async () => {
    useAppointment(fakeAppointment(asyncDraft));
    const { event, completed } = fakeEvent();
    const started = performance.now();
    await onAppointmentSend(event);
    expect(performance.now() - started).toBeLessThan(300);
    expect(completed).toHaveBeenCalledTimes(1);
    const options = completed.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(options).toMatchObject({ allowEvent: false, commandId: taskPaneCommandId, contextData: JSON.stringify({ from: 'smart-alert' }) });
    expect(options.sendModeOverride).toBeUndefined();
    const message = options.errorMessage as string;
    expect(message.length).toBeLessThanOrEqual(500);
    expect(message).toMatch(/async update/);
    expect(message).toMatch(/2\.5 person-hours/); // 5 people × 30 min
  });

  it('passes sendModeOverride promptUser in prompt-user mode', async () => {
    useAppointment(fakeAppointment(asyncDraft), 'prompt-user');
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed).toHaveBeenCalledTimes(1);
    expect(completed.mock.calls[0]?.[0]).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
  });

  it('allows the send when the mode is off', async () => {
    useAppointment(fakeAppointment(asyncDraft), 'off');
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });

  it('allows a sensitive invite', async () => {
    useAppointment(fakeAppointment(sensitiveDraft));
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });

  it('allows a keep invite', async () => {
    useAppointment(fakeAppointment(keepDraft));
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });

  it('decides from a fresh stored verdict without judging again', async () => {
    const fake = useAppointment(fakeAppointment(keepDraft)); // the draft alone would be allowed
    fake.session.set(verdictSessionKey, stored());
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed).toHaveBeenCalledTimes(1);
    expect(completed.mock.calls[0]?.[0]).toMatchObject({ allowEvent: false });
  });

  it.each([
    ['below the confidence bar', { confidence: blockConfidence - 0.01 }],
    ['sensitive', { sensitive: true }],
    ['trim', { verdict: 'trim' as const }],
  ])('allows when the stored verdict is %s', async (_name, overrides) => {
    const fake = useAppointment(fakeAppointment(asyncDraft));
    fake.session.set(verdictSessionKey, stored(overrides));
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });

  it('judges again when the stored verdict is stale or garbage', async () => {
    for (const raw of [stored({ verdict: 'keep', at: clock - verdictFreshMs - 1 }), '{not json', JSON.stringify({ verdict: 'async' })]) {
      const fake = useAppointment(fakeAppointment(asyncDraft));
      fake.session.set(verdictSessionKey, raw);
      const { event, completed } = fakeEvent();
      await onAppointmentSend(event);
      expect(completed).toHaveBeenCalledTimes(1);
      expect(completed.mock.calls[0]?.[0]).toMatchObject({ allowEvent: false });
    }
  });

  it('does not block a draft it could not fully read', async () => {
    useAppointment(fakeAppointment({ ...asyncDraft, body: { fail: 'body unavailable' } }));
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });

  it('still judges when sessionData fails', async () => {
    useAppointment(fakeAppointment(asyncDraft, { sessionFails: true }));
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed).toHaveBeenCalledTimes(1);
    expect(completed.mock.calls[0]?.[0]).toMatchObject({ allowEvent: false });
  });

  it('fails open on any error', async () => {
    setHandlerEnvironment({
      item: () => {
        throw new Error('no item');
      },
      smartAlertMode: () => 'soft-block',
      now: () => clock,
    });
    const { event, completed } = fakeEvent();
    await onAppointmentSend(event);
    expect(completed.mock.calls).toEqual([[{ allowEvent: true }]]);

    setHandlerEnvironment({
      item: () => fakeAppointment(asyncDraft).item,
      smartAlertMode: () => {
        throw new Error('settings broken');
      },
      now: () => clock,
    });
    const second = fakeEvent();
    await onAppointmentSend(second.event);
    expect(second.completed.mock.calls).toEqual([[{ allowEvent: true }]]);
  });

  it('keeps the message within 500 characters', () => {
    expect(smartAlertMessage({ personHours: 123456.789 }).length).toBeLessThanOrEqual(500);
  });
});

describe('onAppointmentAttendeesChanged / onAppointmentTimeChanged', () => {
  it.each([
    ['attendees', onAppointmentAttendeesChanged],
    ['time', onAppointmentTimeChanged],
  ])('stores a compact verdict after a %s change', async (_name, handler) => {
    const fake = useAppointment(fakeAppointment(asyncDraft));
    const { event, completed } = fakeEvent();
    await handler(event);
    expect(completed.mock.calls).toEqual([[]]);
    const value = JSON.parse(fake.session.get(verdictSessionKey) ?? 'null') as StoredVerdict;
    expect(value).toEqual({ verdict: 'async', confidence: expect.any(Number), sensitive: false, personHours: 2.5, at: clock });
    expect(value.confidence).toBeGreaterThanOrEqual(blockConfidence);
  });

  it('completes once even when sessionData fails', async () => {
    useAppointment(fakeAppointment(asyncDraft, { sessionFails: true }));
    const { event, completed } = fakeEvent();
    await onAppointmentTimeChanged(event);
    expect(completed.mock.calls).toEqual([[]]);
  });
});

describe('onNewAppointmentOrganizer', () => {
  it('shows an insight notification with a Review action for an async draft', async () => {
    const fake = useAppointment(fakeAppointment(asyncDraft));
    const { event, completed } = fakeEvent();
    await onNewAppointmentOrganizer(event);
    expect(completed.mock.calls).toEqual([[]]);
    expect(fake.notifications).toHaveLength(1);
    const { key, details } = fake.notifications[0]!;
    expect(key).toBe(insightNotificationKey);
    expect(details.type).toBe('insightMessage');
    expect((details.message as string).length).toBeLessThanOrEqual(150);
    expect(details.actions).toEqual([{ actionType: 'showTaskPane', actionText: 'Review', commandId: taskPaneCommandId, contextData: '{}' }]);
  });

  it('says nothing for a new, empty or keep draft', async () => {
    for (const data of [keepDraft, sensitiveDraft, { subject: { value: '' } }]) {
      const fake = useAppointment(fakeAppointment(data));
      const { event, completed } = fakeEvent();
      await onNewAppointmentOrganizer(event);
      expect(completed.mock.calls).toEqual([[]]);
      expect(fake.notifications).toHaveLength(0);
    }
  });

  it('completes once when the notification fails', async () => {
    useAppointment(fakeAppointment(asyncDraft, { notificationFails: true }));
    const { event, completed } = fakeEvent();
    await onNewAppointmentOrganizer(event);
    expect(completed.mock.calls).toEqual([[]]);
  });
});

describe('index.ts', () => {
  it('associates every handler under its FunctionName', async () => {
    const associate = jest.fn();
    (globalThis as Record<string, unknown>).Office = { actions: { associate } };
    try {
      await import('../../src/outlook/launchevent/index.js');
    } finally {
      delete (globalThis as Record<string, unknown>).Office;
    }
    expect(associate.mock.calls).toEqual(Object.entries(launchEventHandlers));
  });
});
