import { GoogleAddon } from '../../src/google-addon/google-addon.js';
import { JudgeProvider } from '../../src/server/judges.js';
import { storeKinds } from '../support/test-stores.js';
import { ada, buttonsOf, click, startAddonHarness, type AddonHarness } from './support.js';

/**
 * Prompts when a meeting is created, even with the side panel closed: a Calendar push channel
 * (events.watch) to /google/notifications, incremental sync, one e-mail per created event.
 */

const statusMeeting = (id: string, created = new Date()) => ({
  id,
  summary: 'Monday status readout',
  description: 'Each team reads out its status. No decisions needed; the numbers are in the dashboard. Sales update. Support update. Release update.',
  organizer: { email: ada.email, self: true },
  creator: { email: ada.email, self: true },
  created: created.toISOString(),
  start: { dateTime: '2026-12-14T09:00:00+01:00' },
  end: { dateTime: '2026-12-14T10:00:00+01:00' },
  attendees: [{ email: ada.email, organizer: true, self: true }, ...Array.from({ length: 8 }, (_, index) => ({ email: `p${index}@example.com` }))],
});

describe.each(storeKinds())('creation prompts through Calendar push notifications, on %s', (kind) => {
  let harness: AddonHarness;
  let channelId: string;

  beforeAll(async () => {
    harness = await startAddonHarness({}, kind);
    harness.google.putEvent(ada.email, { ...statusMeeting('old-meeting', new Date(Date.now() - 3600_000)) });
    const home = await harness.post('/google/homepage', await harness.fixture('homepage'));
    const turnOn = buttonsOf(home.body).get('Turn on');
    const response = await harness.post('/google/action', click(await harness.fixture('homepage'), turnOn.onClick.action));
    expect(response.body.renderActions.action.notification.text).toBe('Prompts on.');
    const [channel] = await harness.store.googleAddon.listChannels({ tenantId: 'google', userId: ada.sub });
    channelId = channel!.channelId;
  });
  afterAll(() => harness.close());

  it('opens a channel to our endpoint, keeping only a hash of its secret', async () => {
    const fakeChannel = harness.google.channels.get(channelId)!;
    expect(fakeChannel.address).toBe(`${harness.publicUrl}/google/notifications`);
    const stored = await harness.store.googleAddon.getChannel(channelId);
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toBe(fakeChannel.token);
    expect(stored!.syncToken).toMatch(/^sync-/);
    const home = await harness.post('/google/homepage', await harness.fixture('homepage'));
    expect(buttonsOf(home.body).has('Turn off')).toBe(true);
  });

  it('the same notification delivered three times gives one prompt, about the new meeting only', async () => {
    const before = harness.google.sentMessages.length;
    harness.google.putEvent(ada.email, statusMeeting('new-status-meeting'));
    const statuses = await Promise.all([harness.google.notify(channelId, 'exists', { messageNumber: 7 }), harness.google.notify(channelId, 'exists', { messageNumber: 7 })]);
    statuses.push(await harness.google.notify(channelId, 'exists', { messageNumber: 7 }));
    expect(statuses).toEqual([200, 200, 200]);
    const prompts = harness.google.sentMessages.slice(before);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.recipients).toEqual([ada.email]);
    expect(prompts[0]!.parsed.subject).toBe('"Monday status readout" could be an async update');
    expect(prompts[0]!.parsed.text).toContain('https://www.google.com/calendar/event?eid=');
    // An edit of the same meeting later does not prompt again.
    harness.google.putEvent(ada.email, { ...statusMeeting('new-status-meeting'), summary: 'Monday status readout (edited)' });
    await harness.google.notify(channelId);
    expect(harness.google.sentMessages.length).toBe(before + 1);
  });

  it('no prompt for a meeting someone else organises, or one worth having', async () => {
    const before = harness.google.sentMessages.length;
    harness.google.putEvent(ada.email, { ...statusMeeting('theirs'), organizer: { email: 'grace@example.com' } });
    harness.google.putEvent(ada.email, { ...statusMeeting('decision'), summary: 'Decide the 2027 budget', description: 'We need to decide between options A and B and agree on the trade-offs together. Discussion and decision.' });
    // In the same sync, a status meeting of Ada's own: prompted, so the sync did run.
    harness.google.putEvent(ada.email, { ...statusMeeting('tuesday-status'), summary: 'Tuesday status readout' });
    expect(await harness.google.notify(channelId)).toBe(200);
    const subjects = harness.google.sentMessages.slice(before).map((message) => message.parsed.subject);
    expect(subjects).toEqual(['"Tuesday status readout" could be an async update']);
    expect(subjects.every((subject) => !subject?.includes('2027 budget'))).toBe(true);
  });

  it('refuses a wrong channel token or an unknown channel, and starts over on an expired sync token', async () => {
    expect(await harness.google.notify(channelId, 'exists', { token: 'forged' })).toBe(401);
    const missing = await fetch(`${harness.publicUrl}/google/notifications`, { method: 'POST', headers: { 'x-goog-channel-id': 'unknown', 'x-goog-resource-state': 'exists' } });
    expect(missing.status).toBe(404);
    // An empty body claimed to be JSON is still just a notification.
    const jsonClaimed = await fetch(`${harness.publicUrl}/google/notifications`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-channel-id': 'unknown', 'x-goog-resource-state': 'sync' } });
    expect(jsonClaimed.status).toBe(404);
    await harness.store.googleAddon.setSyncToken(channelId, 'sync-999999');
    const before = harness.google.sentMessages.length;
    expect(await harness.google.notify(channelId)).toBe(200);
    expect((await harness.store.googleAddon.getChannel(channelId))!.syncToken).not.toBe('sync-999999');
    expect(harness.google.sentMessages.length).toBe(before);
  });

  it('renews a channel before it expires, carrying the sync on, and closes the old one', async () => {
    const later = new Date(Date.now() + 6.5 * 24 * 3600_000);
    const addon = new GoogleAddon({
      publicUrl: harness.publicUrl,
      googleApiRootUrl: harness.google.rootUrl,
      store: harness.store,
      judges: new JudgeProvider(harness.config, harness.store.verdicts),
      settingsFor: (key) => harness.store.settings.getSettings(key),
      userTokens: { accessToken: async (email) => harness.delegatedToken(email) },
      clock: () => later,
    });
    const old = (await harness.store.googleAddon.getChannel(channelId))!;
    expect(await addon.renewChannels()).toBe(1);
    const channels = await harness.store.googleAddon.listChannels({ tenantId: 'google', userId: ada.sub });
    expect(channels).toHaveLength(1);
    expect(channels[0]!.channelId).not.toBe(channelId);
    expect(channels[0]!.syncToken).toBe(old.syncToken);
    expect(harness.google.channels.get(channelId)!.stopped).toBe(true);
    expect(harness.google.channels.get(channels[0]!.channelId)!.stopped).toBe(false);
    // The expiry kept is the one Google granted (it may give less than asked).
    expect(channels[0]!.expiresAt).toBe(new Date(harness.google.channels.get(channels[0]!.channelId)!.expiration).toISOString());
    channelId = channels[0]!.channelId;
  });

  it('turning prompts off closes the channel', async () => {
    const response = await harness.post('/google/action', click(await harness.fixture('homepage'), { parameters: [{ key: 'do', value: 'prompts-off' }] }));
    expect(response.body.renderActions.action.notification.text).toBe('Prompts off.');
    expect(harness.google.channels.get(channelId)!.stopped).toBe(true);
    expect(await harness.store.googleAddon.listChannels({ tenantId: 'google', userId: ada.sub })).toEqual([]);
  });
});
