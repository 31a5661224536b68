import { dueReports, ReportScheduler, type DueReport } from '../../src/report/schedule/report-scheduler.js';
import type { StoredUser } from '../../src/store/store.js';

/** Monday 08:00 in each user's own zone, with the clock injected. */

const user = (userId: string, timeZone: string, overrides: Partial<StoredUser> = {}): StoredUser => ({
  tenantId: 'local',
  userId,
  email: `${userId}@example.com`,
  name: null,
  timeZone,
  reportOptIn: true,
  calendar: { ics: `/${userId}.ics` },
  ...overrides,
});

const tokyo = user('kenji', 'Asia/Tokyo');
const losAngeles = user('maria', 'America/Los_Angeles');

describe('the weekly report schedule', () => {
  it('sends to Tokyo at its own Monday 08:00 and to Los Angeles at its own, covering the week before', async () => {
    // Monday 7 December 2026, 08:00 in Tokyo = Sunday 6 December, 23:00 UTC; in Los Angeles (PST) = Monday 16:00 UTC.
    let now = new Date('2026-12-06T12:00:00Z');
    const batches: DueReport[][] = [];
    const scheduler = new ReportScheduler({ pattern: '0 8 * * 1', listUsers: async () => [tokyo, losAngeles], runDue: async (due) => void batches.push(due), clock: () => now, catchUpMs: 0 });

    const look = async (at: string) => {
      now = new Date(at);
      return (await scheduler.tick()).map((due) => `${due.user.userId} ${due.isoWeek} ${due.dueAt.toISOString()}`);
    };
    expect(await look('2026-12-06T22:59:00Z')).toEqual([]);
    expect(await look('2026-12-06T23:00:00Z')).toEqual(['kenji 2026-W49 2026-12-06T23:00:00.000Z']);
    expect(await look('2026-12-07T15:59:00Z')).toEqual([]);
    expect(await look('2026-12-07T16:00:30Z')).toEqual(['maria 2026-W49 2026-12-07T16:00:00.000Z']);
    expect(await look('2026-12-08T16:00:00Z')).toEqual([]);
    expect(batches).toHaveLength(2);
  });

  it('after a restart, catches up on a Monday 08:00 it slept through, once', async () => {
    const now = new Date('2026-12-07T18:30:00Z'); // back at 10:30 in Los Angeles
    const scheduler = new ReportScheduler({ pattern: '0 8 * * 1', listUsers: async () => [tokyo, losAngeles], runDue: async () => undefined, clock: () => now });
    expect((await scheduler.tick()).map((due) => due.user.userId).sort()).toEqual(['kenji', 'maria']);
    expect(await scheduler.tick()).toEqual([]);
  });

  it('hands the week over again at the next look when running it failed', async () => {
    let now = new Date('2026-12-06T22:00:00Z');
    const runs: string[][] = [];
    let failNext = true;
    const runDue = async (due: DueReport[]) => {
      runs.push(due.map((each) => `${each.user.userId} ${each.isoWeek}`));
      if (failNext) throw new Error('database went away');
    };
    const scheduler = new ReportScheduler({ pattern: '0 8 * * 1', listUsers: async () => [tokyo], runDue, clock: () => now, catchUpMs: 0 });
    now = new Date('2026-12-06T23:00:30Z');
    await expect(scheduler.tick()).rejects.toThrow('database went away');
    failNext = false;
    now = new Date('2026-12-06T23:01:30Z');
    expect((await scheduler.tick()).map((due) => due.user.userId)).toEqual(['kenji']);
    expect(await scheduler.tick()).toEqual([]);
    expect(runs).toEqual([['kenji 2026-W49'], ['kenji 2026-W49']]);
  });

  it('keeps to local time across a daylight-saving change and skips the unsubscribed', () => {
    // Los Angeles in July is on PDT (UTC-7): 08:00 is 15:00 UTC.
    const due = dueReports([losAngeles, user('quiet', 'America/Los_Angeles', { reportOptIn: false })], '0 8 * * 1', new Date('2026-07-13T14:00:00Z'), new Date('2026-07-13T15:00:00Z'));
    expect(due.map((each) => [each.user.userId, each.isoWeek, each.dueAt.toISOString()])).toEqual([['maria', '2026-W28', '2026-07-13T15:00:00.000Z']]);
  });

  it('refuses a schedule croner cannot read, at start', () => {
    expect(() => new ReportScheduler({ pattern: 'every monday', listUsers: async () => [], runDue: async () => undefined })).toThrow();
  });
});
