import { cardSchema } from '../../src/google-addon/card-schema.js';
import { ada, buttonsOf, cardOf, click, inputsOf, startAddonHarness, type AddonHarness } from './support.js';

/**
 * The add-on's endpoints end to end: Google's event objects (fixtures) POSTed with ID tokens from
 * a local issuer, the real googleapis client reading and sending through fake Google APIs.
 */

const calendarId = 'ada@example.com';
const savedId = '5qk8s0v7d1n3b2m4c6x9z0a1b2';
const statusBody = '<p>Each team reads out its status for the week. No decisions needed; the numbers are in the dashboard.</p><ul><li>Sales update</li><li>Support queue update</li><li>Release status</li></ul>';
const guests = (count: number) => Array.from({ length: count }, (_, index) => ({ email: `p${index}@example.com`, responseStatus: 'needsAction' }));

describe('the Google add-on endpoints', () => {
  let harness: AddonHarness;
  beforeAll(async () => {
    harness = await startAddonHarness();
    harness.google.putEvent(calendarId, {
      id: savedId,
      summary: 'Weekly status readout',
      description: statusBody,
      organizer: { email: ada.email, self: true },
      start: { dateTime: '2026-12-08T09:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-12-08T09:30:00+01:00', timeZone: 'Europe/Berlin' },
      attendees: [{ email: ada.email, organizer: true, self: true, responseStatus: 'accepted' }, ...guests(8), { email: 'room-4@resource.calendar.google.com', resource: true }],
      hangoutLink: 'https://meet.google.com/abc-defg-hij',
    });
    harness.google.putEvent(calendarId, {
      id: '7bq2series0001',
      summary: 'Team sync',
      description: statusBody,
      organizer: { email: ada.email, self: true },
      start: { dateTime: '2026-12-07T09:00:00Z' },
      end: { dateTime: '2026-12-07T10:00:00Z' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO'],
      attendees: guests(6),
    });
    harness.google.putEvent(calendarId, {
      id: '7bq2series0001_20261207T090000Z',
      recurringEventId: '7bq2series0001',
      summary: 'Team sync',
      description: statusBody,
      organizer: { email: ada.email, self: true },
      start: { dateTime: '2026-12-07T09:00:00Z' },
      end: { dateTime: '2026-12-07T10:00:00Z' },
      attendees: guests(6),
    });
  });
  afterAll(() => harness.close());

  describe('ID tokens, checked on every add-on endpoint', () => {
    const paths = ['/google/homepage', '/google/event-open', '/google/event-update', '/google/action'];

    it('accepts only a token from our service account for this endpoint', async () => {
      const event = await harness.fixture('saved-event');
      const now = Math.floor(Date.now() / 1000);
      for (const path of paths) {
        expect((await harness.post(path, event)).status).toBe(200);
        const refused = [
          await harness.systemToken('/google/other-endpoint'),
          await harness.issuer.sign(harness.issuer.googleClaims(`https://elsewhere.example.com${path}`)),
          await harness.systemToken(path, { email: 'intruder@example-project.iam.gserviceaccount.com' }),
          // Same shape, one letter off: an e-mail must match exactly.
          await harness.systemToken(path, { email: 'invite-challenger@example-projekt.iam.gserviceaccount.com' }),
          await harness.systemToken(path, { iat: now - 7200, exp: now - 3600 }),
          harness.issuer.unsignedToken(harness.issuer.googleClaims(`${harness.publicUrl}${path}`)),
          null,
        ];
        for (const token of refused) {
          const response = await harness.post(path, event, token);
          expect(response.status).toBe(401);
          expect(response.body.error).toBe('unauthorized');
          if (token) expect(JSON.stringify(response.body)).not.toContain(token.slice(-20));
        }
      }
    });

    it('refuses a body that is not an event object, naming the field', async () => {
      const response = await harness.post('/google/event-open', { calendar: { attendees: 'everyone' } });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('body.calendar.attendees');
    });
  });

  it('homepage: what the add-on does and whether creation prompts are on', async () => {
    const response = await harness.post('/google/homepage', await harness.fixture('homepage'));
    expect(response.status).toBe(200);
    const card = cardOf(response.body);
    expect(card.name).toBe('home');
    expect(buttonsOf(response.body).has('Turn on')).toBe(true);
  });

  it('a saved event: read through events.get with the user’s token, judged, with cost and actions', async () => {
    const before = harness.google.requests.length;
    const started = Date.now();
    const response = await harness.post('/google/event-open', await harness.fixture('saved-event'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(200);
    const card = cardOf(response.body);
    expect(cardSchema.safeParse(card).success).toBe(true);
    expect(card.header.title).toBe('Weekly status readout');
    const text = JSON.stringify(card);
    expect(text).toContain('9 people × 30 min');
    expect(text).toContain('built-in judge');
    expect([...buttonsOf(response.body).keys()]).toEqual(expect.arrayContaining(['Replace with async update', 'Trim', 'Keep']));
    const reads = harness.google.requests.slice(before).filter((request) => request.path.endsWith(`/events/${savedId}`));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.userEmail).toBe(ada.email);
  });

  it('a recurring event: the series’ rule gives the cost per month', async () => {
    const response = await harness.post('/google/event-open', await harness.fixture('recurring-event'));
    const text = JSON.stringify(cardOf(response.body));
    expect(text).toContain('Per month (series)');
    expect(text).toContain('4.33 meetings');
  });

  it('an event being created: judged on what is visible, never pretending to have read the rest', async () => {
    const response = await harness.post('/google/event-open', await harness.fixture('new-event'));
    expect(response.status).toBe(200);
    const card = cardOf(response.body);
    expect(card.header.subtitle).toBe('Not saved yet');
    const text = JSON.stringify(card);
    expect(text).toContain('I can see: 3 guests, a one-off event, no video call.');
    expect(text).toContain('I cannot see the title, description or times until the event is saved.');

    // The user pastes the agenda: a full verdict on it.
    const judge = buttonsOf(response.body).get('Judge what I pasted');
    const pasted = await harness.post('/google/action', click(await harness.fixture('new-event'), judge.onClick.action, { title: 'Quarterly numbers readout', agenda: 'Finance reads out the quarter numbers. Sales reads out the pipeline. No decisions.', minutes: '60' }));
    const pastedText = JSON.stringify(cardOf(pasted.body));
    expect(cardOf(pasted.body).header.title).toBe('Quarterly numbers readout');
    expect(pastedText).toContain('Verdict on what you pasted');
    expect(pastedText).toContain('× 60 min');
  });

  it('no access to the guest list: says so', async () => {
    const response = await harness.post('/google/event-open', await harness.fixture('no-attendees-access'));
    expect(JSON.stringify(cardOf(response.body))).toContain('times or guest list until the event is saved');
  });

  it('missing scopes: asks Google for exactly the missing one', async () => {
    const response = await harness.post('/google/event-open', await harness.fixture('missing-scopes'));
    expect(response.body).toEqual({ requesting_google_scopes: { scopes: ['https://www.googleapis.com/auth/calendar.events.readonly'] } });
  });

  it('a throttled Calendar API: retried after Retry-After, still a verdict', async () => {
    harness.google.failNext({ match: `/events/${savedId}`, status: 429, headers: { 'retry-after': '0' } });
    const response = await harness.post('/google/event-open', await harness.fixture('saved-event'));
    expect(cardOf(response.body).header.title).toBe('Weekly status readout');
  });

  it('a Calendar API that keeps failing: a card judged on what is visible, with a note', async () => {
    harness.google.failNext({ match: `/events/${savedId}`, status: 503 }, { match: `/events/${savedId}`, status: 503 });
    const event = await harness.fixture('saved-event');
    const response = await harness.post('/google/action', click(event, { parameters: [{ key: 'do', value: 'refresh' }] }));
    expect(response.status).toBe(200);
    expect(response.body.renderActions.action.notification.text).toContain('did not answer');
  });

  it('a Calendar API too slow to wait for: a card within the time budget, judged on what is visible', async () => {
    harness.google.failNext({ match: `/events/${savedId}`, status: 200, delayMs: 8000 }, { match: `/events/${savedId}`, status: 200, delayMs: 8000 });
    const started = Date.now();
    const response = await harness.post('/google/event-open', await harness.fixture('saved-event'));
    expect(Date.now() - started).toBeLessThan(5000);
    const card = cardOf(response.body);
    expect(card.header.subtitle).toBe('Calendar did not answer');
    expect(JSON.stringify(card)).toContain('Google Calendar did not answer in time, so I cannot see the title, description or times.');
  });

  describe('Replace with async update', () => {
    async function draft() {
      const event = await harness.fixture('saved-event');
      const open = await harness.post('/google/event-open', event);
      const drafted = await harness.post('/google/action', click(event, buttonsOf(open.body).get('Replace with async update').onClick.action));
      expect(drafted.status).toBe(200);
      return { event, drafted, send: buttonsOf(drafted.body).get('Send once') };
    }

    it('shows the thread with editable inputs and sends it once as one Gmail thread, with the user’s edits', async () => {
      const { event, drafted, send } = await draft();
      expect(JSON.stringify(cardOf(drafted.body))).toContain('8 guests of the event');
      const inputs = { ...inputsOf(drafted.body), channel: 'gmail', title: 'Status, in writing this week' };
      const sentBefore = harness.google.sentMessages.length;
      const first = await harness.post('/google/action', click(event, send.onClick.action, inputs));
      expect(first.body.renderActions.action.notification.text).toBe('Sent.');
      const again = await harness.post('/google/action', click(event, send.onClick.action, inputs));
      expect(again.body.renderActions.action.notification.text).toContain('Already sent');
      const sent = harness.google.sentMessages.slice(sentBefore);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.parsed.subject).toBe('Status, in writing this week');
      expect(sent[0]!.recipients).toHaveLength(8);
      expect(sent[0]!.recipients).not.toContain(ada.email);
      expect(sent[0]!.recipients.some((email) => email.includes('resource.calendar'))).toBe(false);
    });

    it('posts to a Google Chat space instead when chosen', async () => {
      harness.google.spaces.add('spaces/AAAAstatus');
      const { event, drafted, send } = await draft();
      const before = harness.google.chatMessages.length;
      const response = await harness.post('/google/action', click(event, send.onClick.action, { ...inputsOf(drafted.body), channel: 'google-chat', space: 'spaces/AAAAstatus' }));
      expect(response.body.renderActions.action.notification.text).toBe('Sent.');
      const posted = harness.google.chatMessages.slice(before);
      expect(posted.length).toBeGreaterThan(1);
      expect(new Set(posted.map((message) => message.thread.name)).size).toBe(1);
    });

    it('nothing sent when Gmail fails, and the same click can try again', async () => {
      const { event, drafted, send } = await draft();
      const inputs = { ...inputsOf(drafted.body), channel: 'gmail' };
      const before = harness.google.sentMessages.length;
      harness.google.failNext({ match: 'messages/send', status: 500 }, { match: 'messages/send', status: 500 });
      const failed = await harness.post('/google/action', click(event, send.onClick.action, inputs));
      expect(cardOf(failed.body).header.title).toBe('Not sent');
      expect(harness.google.sentMessages.length).toBe(before);
      const retried = await harness.post('/google/action', click(event, send.onClick.action, inputs));
      expect(retried.body.renderActions.action.notification.text).toBe('Sent.');
      expect(harness.google.sentMessages.length).toBe(before + 1);
    });

    it('a Gmail send that fails after the first 100 went out: kept as sent in part, never mailed twice', async () => {
      const bigId = 'bigstatus0000000001';
      harness.google.putEvent(calendarId, {
        id: bigId,
        summary: 'All-hands status readout',
        description: statusBody,
        organizer: { email: ada.email, self: true },
        start: { dateTime: '2026-12-08T11:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-12-08T11:30:00+01:00', timeZone: 'Europe/Berlin' },
        attendees: [{ email: ada.email, organizer: true, self: true, responseStatus: 'accepted' }, ...guests(150)],
      });
      const event = await harness.fixture('saved-event', (fixture) => {
        fixture.calendar.id = bigId;
      });
      const open = await harness.post('/google/event-open', event);
      const drafted = await harness.post('/google/action', click(event, buttonsOf(open.body).get('Replace with async update').onClick.action));
      const send = buttonsOf(drafted.body).get('Send once');
      const inputs = { ...inputsOf(drafted.body), channel: 'gmail' };
      const before = harness.google.sentMessages.length;
      harness.google.failNext({ match: 'messages/send', status: 400, after: 1 });
      const partly = await harness.post('/google/action', click(event, send.onClick.action, inputs));
      expect(partly.body.renderActions.action.notification.text).toBe('Sent only in part.');
      const text = JSON.stringify(cardOf(partly.body));
      expect(cardOf(partly.body).header.title).toBe('Sent only in part');
      expect(text).toContain('to 100 people');
      expect(text).toContain('50 did not get it');
      expect(text).not.toContain('Nothing was sent');
      const delivered = harness.google.sentMessages.slice(before);
      expect(delivered).toHaveLength(1);
      expect(text).toContain(delivered[0]!.recipients.sort()[0]!);
      // The same click again: the claim holds what went out, so nobody gets it twice.
      const again = await harness.post('/google/action', click(event, send.onClick.action, inputs));
      expect(again.body.renderActions.action.notification.text).toContain('Already sent, in part');
      expect(cardOf(again.body).header.title).toBe('Sent only in part');
      expect(harness.google.sentMessages.length).toBe(before + 1);
    });

    it('Gmail not answering: the send is not repeated, and the user is told it may have gone out', async () => {
      const { event, drafted, send } = await draft();
      const inputs = { ...inputsOf(drafted.body), channel: 'gmail' };
      const sends = () => harness.google.requests.filter((request) => request.path.endsWith('/messages/send')).length;
      const before = sends();
      harness.google.failNext({ match: 'messages/send', status: 200, delayMs: 5600 });
      const lost = await harness.post('/google/action', click(event, send.onClick.action, inputs));
      expect(cardOf(lost.body).header.title).toBe('Maybe not sent');
      expect(JSON.stringify(cardOf(lost.body))).toContain('look in your Sent folder');
      expect(sends() - before).toBe(1);
    }, 15_000);

    it('asks for the Gmail scope when the user has not granted it', async () => {
      const { event, drafted, send } = await draft();
      const withoutGmail = { ...event, authorizationEventObject: { ...event.authorizationEventObject, authorizedScopes: event.authorizationEventObject.authorizedScopes.filter((scope: string) => !scope.endsWith('gmail.send')) } };
      const response = await harness.post('/google/action', click(withoutGmail, send.onClick.action, { ...inputsOf(drafted.body), channel: 'gmail' }));
      expect(response.body).toEqual({ requesting_google_scopes: { scopes: ['https://www.googleapis.com/auth/gmail.send'] } });
    });
  });

  it('trusts the user only through a user ID token for our OAuth client', async () => {
    const event = await harness.fixture('saved-event');
    const open = await harness.post('/google/event-open', event);
    const otherClient = await harness.issuer.sign(harness.issuer.googleClaims('someone-else.apps.googleusercontent.com', { email: ada.email, sub: ada.sub }));
    const forged = { ...event, authorizationEventObject: { ...event.authorizationEventObject, userIdToken: otherClient } };
    const before = (await harness.store.feedback.listFeedback({ tenantId: 'google', userId: ada.sub })).length;
    const response = await harness.post('/google/action', click(forged, buttonsOf(open.body).get('Keep').onClick.action));
    expect(response.body.renderActions.action.notification.text).toContain('only for signed-in users');
    expect((await harness.store.feedback.listFeedback({ tenantId: 'google', userId: ada.sub })).length).toBe(before);
  });

  it('Keep stores the feedback under the user, with the invite’s fingerprint only', async () => {
    const event = await harness.fixture('saved-event');
    const open = await harness.post('/google/event-open', event);
    const response = await harness.post('/google/action', click(event, buttonsOf(open.body).get('Keep').onClick.action));
    expect(response.body.renderActions.action.notification.text).toContain('Kept');
    const feedback = await harness.store.feedback.listFeedback({ tenantId: 'google', userId: ada.sub });
    expect(feedback.at(-1)).toMatchObject({ expected: 'keep', surface: 'google' });
    expect(feedback.at(-1)!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('Trim makes a pre-read page on our backend, says what to shorten and attaches the link', async () => {
    const event = await harness.fixture('saved-event');
    const open = await harness.post('/google/event-open', event);
    const trim = await harness.post('/google/action', click(event, buttonsOf(open.body).get('Trim').onClick.action));
    const text = JSON.stringify(cardOf(trim.body));
    expect(text).toContain('Shorten to');
    const openLink = buttonsOf(trim.body).get('Open the pre-read').onClick.openLink.url as string;
    expect(openLink.startsWith(`${harness.publicUrl}/google/pre-read/`)).toBe(true);
    const page = await fetch(openLink);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Pre-read: Weekly status readout');
    expect((await fetch(`${harness.publicUrl}/google/pre-read/AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);

    const attach = await harness.post('/google/action', click(event, buttonsOf(trim.body).get('Attach the pre-read').onClick.action));
    expect(attach.body.renderActions.hostAppAction.calendarAction.addAttachmentsActionMarkup.addonAttachments[0]).toEqual({ resourceUrl: openLink, title: 'Pre-read', mimeType: 'text/html' });
    const forged = await harness.post('/google/action', click(event, { parameters: [{ key: 'do', value: 'attach' }, { key: 'preReadUrl', value: 'https://evil.example.com/x' }] }));
    expect(forged.body.renderActions.action.notification.text).toContain('not one of ours');
  });
});
