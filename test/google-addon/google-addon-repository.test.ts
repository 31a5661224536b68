import type { Store } from '../../src/store/database.js';
import { openTestStore, storeKinds } from '../support/test-stores.js';

/** What the add-on keeps, on each database: channels, the one prompt per event, pre-reads. */

describe.each(storeKinds())('the Google add-on store on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store.close());

  const ada = { tenantId: 'google', userId: 'ada-sub' };

  it('gives an event’s prompt to exactly one of many racing callers, and can free it again', async () => {
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.googleAddon.claimEventPrompt(ada, 'event-1')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.googleAddon.claimEventPrompt({ tenantId: 'google', userId: 'grace-sub' }, 'event-1')).toBe(true);
    await store.googleAddon.releaseEventPrompt(ada, 'event-1');
    expect(await store.googleAddon.claimEventPrompt(ada, 'event-1')).toBe(true);
  });

  it('keeps channels by id and by user, finds those about to expire, and follows the sync token', async () => {
    const base = { ...ada, userEmail: 'ada@example.com', calendarId: 'primary', tokenHash: 'a'.repeat(64), syncToken: null };
    await store.googleAddon.saveChannel({ ...base, channelId: 'ch-soon', resourceId: 'r1', expiresAt: '2026-12-07T00:00:00.000Z' });
    await store.googleAddon.saveChannel({ ...base, channelId: 'ch-later', resourceId: 'r2', expiresAt: '2026-12-20T00:00:00.000Z' });
    expect((await store.googleAddon.listChannels(ada)).map((channel) => channel.channelId).sort()).toEqual(['ch-later', 'ch-soon']);
    expect((await store.googleAddon.listChannelsExpiringBefore(new Date('2026-12-08T00:00:00Z'))).map((channel) => channel.channelId)).toEqual(['ch-soon']);
    await store.googleAddon.setSyncToken('ch-soon', 'sync-42');
    expect(await store.googleAddon.getChannel('ch-soon')).toMatchObject({ syncToken: 'sync-42', userEmail: 'ada@example.com', resourceId: 'r1' });
    await store.googleAddon.deleteChannel('ch-soon');
    expect(await store.googleAddon.getChannel('ch-soon')).toBeUndefined();
    // A channel id is unique: a second one with the same id is refused.
    const again = store.googleAddon.saveChannel({ ...base, channelId: 'ch-later', resourceId: 'r3', expiresAt: '2026-12-21T00:00:00.000Z' });
    await expect(again.then(() => 'saved', () => 'refused')).resolves.toBe('refused');
  });

  it('stores a pre-read and gives it back by id only', async () => {
    await store.googleAddon.savePreRead(ada, 'pre-read-id-0123456789', { title: 'Weekly', read: ['Sales'], discuss: [], keepMinutes: 15, createdAt: '2026-12-06T00:00:00.000Z' });
    expect(await store.googleAddon.getPreRead('pre-read-id-0123456789')).toMatchObject({ title: 'Weekly', read: ['Sales'] });
    expect(await store.googleAddon.getPreRead('unknown')).toBeUndefined();
  });

  it('a pre-read expires 30 days after it was made: gone on read, and deleted by the clean-up', async () => {
    let now = new Date('2026-12-06T10:00:00.000Z');
    const timed = await openTestStore(kind, { clock: () => now });
    try {
      await timed.googleAddon.savePreRead(ada, 'pre-read-old-0123456789', { title: 'Old' });
      now = new Date('2026-12-20T10:00:00.000Z');
      await timed.googleAddon.savePreRead(ada, 'pre-read-new-0123456789', { title: 'New' });
      now = new Date('2027-01-05T09:59:59.000Z');
      expect(await timed.googleAddon.getPreRead('pre-read-old-0123456789')).toMatchObject({ title: 'Old' });
      expect(await timed.googleAddon.deleteExpiredPreReads()).toBe(0);
      now = new Date('2027-01-05T10:00:01.000Z');
      expect(await timed.googleAddon.getPreRead('pre-read-old-0123456789')).toBeUndefined();
      expect(await timed.googleAddon.getPreRead('pre-read-new-0123456789')).toMatchObject({ title: 'New' });
      expect(await timed.googleAddon.deleteExpiredPreReads()).toBe(1);
      // Deleted, not only hidden: even a clock turned back does not bring it back.
      now = new Date('2026-12-07T00:00:00.000Z');
      expect(await timed.googleAddon.getPreRead('pre-read-old-0123456789')).toBeUndefined();
      expect(await timed.googleAddon.getPreRead('pre-read-new-0123456789')).toMatchObject({ title: 'New' });
    } finally {
      await timed.close();
    }
  });
});
