import { actionResponseSchema, cardSchema, maxWidgets, scopeRequestSchema, triggerResponseSchema, type Card } from '../../src/google-addon/card-schema.js';
import { attachPreRead, escapeCardText, homepageCard, messageCard, partialEventCard, pushCard, requestScopes, threadCard, trimCard, updateCard, verdictCard, type CardContext } from '../../src/google-addon/verdict-card.js';
import type { AsyncThread, Verdict } from '../../src/core/verdict.js';

/** The card builders are pure: the same verdict gives the same card, within Google's limits. */

const context: CardContext = { actionUrl: 'https://challenger.example.com/google/action', event: { calendarId: 'ada@example.com', eventId: 'ev1' }, canAskLlm: true };

const agendaOfTwelve = Array.from({ length: 12 }, (_, index) => ({
  text: `Item ${index + 1}: ${['status of the launch', 'decide the budget', 'discuss hiring', 'team lunch'][index % 4]}`,
  kind: (['info', 'decision', 'discussion', 'social'] as const)[index % 4]!,
}));

const verdict: Verdict = {
  verdict: 'async',
  confidence: 0.86,
  sensitive: false,
  reasons: ['Mostly status updates that can be read', 'No decision needs the room', '9 people for 30 minutes'],
  agenda: agendaOfTwelve,
  cost: { attendees: 9, minutes: 30, personHours: 4.5, amount: 337.5, currency: 'USD', perMonth: { occurrences: 4.33, personHours: 19.5, amount: 1462.5 } },
  judge: 'embedded',
};

const widgetsOf = (card: Card) => card.sections.reduce((count, section) => count + section.widgets.length, 0);
const textOf = (card: Card) => JSON.stringify(card);

describe('verdict cards', () => {
  it('draws the verdict, reasons, agenda by kind, cost per meeting and per month, and the actions', () => {
    const card = verdictCard({ title: 'Weekly status', verdict, context });
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card).toMatchSnapshot();
    const text = textOf(card);
    expect(text).toContain('Could be an async update');
    expect(text).toContain('Information (can be read) · 3');
    expect(text).toContain('19.5 person-hours');
    for (const label of ['Replace with async update', 'Trim', 'Keep', 'Ask the LLM for a second opinion']) expect(text).toContain(label);
  });

  it('escapes what Google would read as formatting, and leaves plain-text fields alone', () => {
    const hostile = { ...verdict, reasons: ['<b>Bold</b> & <a href="https://evil.example">click</a>'], agenda: [{ text: '<script>x</script>', kind: 'info' as const }] };
    const card = verdictCard({ title: 'Q&A <live>', verdict: hostile, context });
    const text = textOf(card);
    expect(text).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;a href=\\"https://evil.example\\"&gt;click&lt;/a&gt;');
    expect(text).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(text).not.toContain('<script>');
    expect(card.header?.title).toBe('Q&A <live>');
    expect(escapeCardText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
  });

  it('is the same card for the same input (pure)', () => {
    expect(verdictCard({ title: 'T', verdict, context })).toEqual(verdictCard({ title: 'T', verdict, context }));
  });

  it('offers no replacement for a sensitive meeting, and no LLM button for an LLM verdict', () => {
    const card = verdictCard({ title: 'Pay review', verdict: { ...verdict, verdict: 'keep', sensitive: true, judge: 'llm' }, context });
    const text = textOf(card);
    expect(text).not.toContain('Replace with async update');
    expect(text).not.toContain('Ask the LLM');
    expect(text).toContain('stays a conversation');
  });

  it('stays within 100 widgets and 100 sections whatever the agenda', () => {
    const huge = { ...verdict, agenda: Array.from({ length: 400 }, (_, index) => ({ text: `point ${index}`, kind: (['info', 'decision', 'discussion', 'social', 'sensitive', 'other'] as const)[index % 6]! })) };
    const card = verdictCard({ title: 'Everything', verdict: huge, context });
    expect(cardSchema.safeParse(card).success).toBe(true);
    expect(widgetsOf(card)).toBeLessThanOrEqual(maxWidgets);
  });
});

describe('an event being created', () => {
  it('says what it saw and what it could not, and offers to read a pasted agenda', () => {
    const card = partialEventCard({ verdict: { ...verdict, cost: { ...verdict.cost, perMonth: undefined } }, facts: { attendees: 8, attendeesVisible: true, recurring: false, conference: true, pasted: false }, context });
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card).toMatchSnapshot();
    const text = textOf(card);
    expect(text).toContain('I can see: 8 guests, a one-off event, a video call.');
    expect(text).toContain('I cannot see the title, description or times until the event is saved.');
    expect(text).toContain('an hour');
    expect(text).not.toContain('Mostly status updates');
    for (const input of ['"title"', '"agenda"', '"minutes"']) expect(text).toContain(`"name":${input}`);
  });

  it('says so when the guest list is hidden', () => {
    const card = partialEventCard({ verdict, facts: { attendeesVisible: false, recurring: true, conference: false, pasted: false }, context });
    expect(textOf(card)).toContain('I cannot see the title, description, times or guest list');
    expect(textOf(card)).toContain('I can see: a recurring series, no video call.');
  });
});

describe('the thread card', () => {
  const thread: AsyncThread = {
    title: 'Weekly status, async',
    intro: 'Instead of meeting, here is the update.',
    items: Array.from({ length: 40 }, (_, index) => ({ heading: `Item ${index + 1}`, body: 'Where it stands.', ask: 'Reply with questions' })),
    replyBy: '2026-12-09',
    recipients: ['grace@example.com'],
    source: 'template',
  };

  it('has an editable input for every part, a channel choice and one send button carrying the idempotency key', () => {
    const card = threadCard({ thread: { ...thread, items: thread.items.slice(0, 2) }, idempotencyKey: 'key-0123456789', context, recipientsNote: '3 guests of the event' });
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card).toMatchSnapshot();
    const text = textOf(card);
    for (const name of ['channel', 'space', 'title', 'intro', 'item.0.heading', 'item.0.body', 'item.1.ask']) expect(text).toContain(`"name":"${name}"`);
    expect(text).toContain('{"key":"idempotencyKey","value":"key-0123456789"}');
    expect(text).toContain('"persistValues":true');
  });

  it('keeps a long thread within the widget limit', () => {
    const card = threadCard({ thread, idempotencyKey: 'key-0123456789', context, recipientsNote: 'x' });
    expect(cardSchema.safeParse(card).success).toBe(true);
    expect(widgetsOf(card)).toBeLessThanOrEqual(maxWidgets);
    expect(textOf(card)).toContain('Send once');
  });
});

describe('the other cards and responses', () => {
  it('trim: what to shorten, and the pre-read to attach or open', () => {
    const card = trimCard({ verdict: { ...verdict, verdict: 'trim', suggestion: { keepMinutes: 15, asyncItems: [0, 4] } }, preReadUrl: 'https://challenger.example.com/google/pre-read/abcdefghijklmnopqrstuvwx', canAttach: true, context });
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card).toMatchSnapshot();
    expect(textOf(card)).toContain('<b>15 minutes</b> instead of 30');
    expect(textOf(card)).toContain('Attach the pre-read');
    const withoutAttach = trimCard({ verdict, preReadUrl: 'https://challenger.example.com/google/pre-read/abcdefghijklmnopqrstuvwx', canAttach: false, context });
    expect(textOf(withoutAttach)).not.toContain('Attach the pre-read');
  });

  it('wraps cards in the response shapes Google documents', () => {
    const card = messageCard({ title: 'Sent', text: 'Done & dusted', context, back: true });
    expect(triggerResponseSchema.parse(pushCard(card))).toBeTruthy();
    expect(actionResponseSchema.parse(updateCard(card, 'Sent.'))).toBeTruthy();
    expect(actionResponseSchema.parse(attachPreRead('https://challenger.example.com/google/pre-read/x', 'Pre-read'))).toBeTruthy();
    expect(scopeRequestSchema.parse(requestScopes(['https://www.googleapis.com/auth/calendar.events.readonly']))).toEqual({ requesting_google_scopes: { scopes: ['https://www.googleapis.com/auth/calendar.events.readonly'] } });
    for (const prompts of ['on', 'off', 'unavailable'] as const) expect(cardSchema.safeParse(homepageCard({ actionUrl: context.actionUrl, prompts })).success).toBe(true);
  });

  it('the schema refuses what Google refuses: SVG, http images, two kinds in one widget, too many widgets', () => {
    const base = messageCard({ title: 'x', text: 'y' });
    expect(cardSchema.safeParse({ ...base, header: { title: 'x', imageUrl: 'https://example.com/logo.svg' } }).success).toBe(false);
    expect(cardSchema.safeParse({ ...base, header: { title: 'x', imageUrl: 'http://example.com/logo.png' } }).success).toBe(false);
    expect(cardSchema.safeParse({ sections: [{ widgets: [{ textParagraph: { text: 'a' }, divider: {} }] }] }).success).toBe(false);
    expect(cardSchema.safeParse({ sections: [{ widgets: Array.from({ length: 101 }, () => ({ divider: {} })) }] }).success).toBe(false);
    expect(cardSchema.safeParse({ sections: Array.from({ length: 101 }, () => ({ widgets: [{ divider: {} }] })) }).success).toBe(false);
  });
});
