import type { AgendaKind, AsyncThread, MeetingCost, Verdict } from '../core/verdict.js';
import { shorten } from '../core/text/shorten.js';
import { maxWidgets, type ActionResponse, type Button, type Card, type CardAction, type ScopeRequest, type Section, type TriggerResponse, type Widget } from './card-schema.js';

/**
 * Pure card builders: our types in, Google card JSON out (card-schema.ts). No I/O, no clock, no
 * randomness: whatever varies (the idempotency key, the endpoint URL) is handed in, so the same
 * input always gives the same card and snapshots hold. Text that Google renders as formatted
 * text (textParagraph, decoratedText) is escaped, so an invite's `<b>` or `&` shows as typed.
 */

/** The event a card is about, carried in button parameters (Google sends only what a button carries). */
export interface EventRef {
  calendarId: string;
  eventId: string;
  /** For a series occurrence: the series, for cost per month and a cache hit. */
  recurringEventId?: string;
}

export interface CardContext {
  /** The `/google/action` endpoint, absolute (the HTTP runtime calls the URL a button names). */
  actionUrl: string;
  event?: EventRef;
  /** Offer "Ask the LLM" (the server has one and this verdict did not use it). */
  canAskLlm: boolean;
}

/** What the add-on could see of an event that is still being created. */
export interface KnownFacts {
  /** Attendees other than the organiser, when the add-on may see the list. */
  attendees?: number;
  attendeesVisible: boolean;
  recurring: boolean;
  conference: boolean;
  /** The user pasted a title or agenda for a fuller verdict. */
  pasted: boolean;
}

/** Escapes text for the fields Google renders as formatted text (a few HTML tags are honoured). */
export function escapeCardText(text: string): string {
  return text.replace(/[&<>]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
}

const verdictHeadlines: Record<Verdict['verdict'], string> = {
  async: 'Could be an async update',
  trim: 'Could be shorter',
  keep: 'Worth meeting',
};

const kindLabels: Record<AgendaKind, string> = {
  info: 'Information (can be read)',
  decision: 'Decisions',
  discussion: 'Discussion',
  social: 'Social',
  sensitive: 'Sensitive (keep in person)',
  other: 'Other',
};

/** The verdict for a saved event: headline, reasons, agenda by kind, cost, and what to do. */
export function verdictCard(input: { title: string; verdict: Verdict; context: CardContext }): Card {
  const { verdict, context } = input;
  const sections: Section[] = [verdictSection(verdict), ...reasonsSection(verdict.reasons), ...agendaSections(verdict), costSection(verdict.cost, false), actionsSection(verdict, context)];
  return { name: 'verdict', header: { title: shorten(input.title.trim() || 'Untitled event', 120), subtitle: subtitleOf(verdict) }, sections: fit(sections) };
}

/**
 * An event still being created: Google shares neither title, description nor times with an
 * add-on until it is saved. The card says what it judged on and offers to read a pasted agenda.
 */
export function partialEventCard(input: {
  verdict: Verdict;
  facts: KnownFacts;
  context: CardContext;
  pasted?: { title?: string; agenda?: string; minutes?: number };
  /** `unreadable`: a saved event the Calendar API did not return in time. */
  why?: 'new' | 'unreadable';
}): Card {
  const unreadable = input.why === 'unreadable';
  const { verdict, facts, context } = input;
  const seen: string[] = [];
  if (facts.attendeesVisible) seen.push(`${facts.attendees ?? 0} ${facts.attendees === 1 ? 'guest' : 'guests'}`);
  seen.push(facts.recurring ? 'a recurring series' : 'a one-off event');
  seen.push(facts.conference ? 'a video call' : 'no video call');
  const unseen = ['title', 'description', 'times'];
  if (!facts.attendeesVisible) unseen.push('guest list');
  const sections: Section[] = [
    {
      header: facts.pasted ? 'Verdict on what you pasted' : 'Early read',
      widgets: [
        { decoratedText: { topLabel: facts.pasted ? 'Verdict' : 'Early read, on what I can see', text: `<b>${escapeCardText(verdictHeadlines[verdict.verdict])}</b>`, bottomLabel: bottomLabelOf(verdict), wrapText: true } },
        { textParagraph: { text: escapeCardText(`I can see: ${seen.join(', ')}.`) } },
        {
          textParagraph: {
            text: escapeCardText(
              `${unreadable ? 'Google Calendar did not answer in time, so ' : ''}I cannot see the ${unseen.join(', ').replace(/, ([^,]*)$/, ' or $1')}${unreadable ? '' : ' until the event is saved'}${facts.pasted ? '; the verdict uses what you pasted instead' : ''}.`,
            ),
          },
        },
      ],
    },
  ];
  if (facts.pasted) sections.push(...reasonsSection(verdict.reasons), ...agendaSections(verdict));
  sections.push(costSection(verdict.cost, !input.pasted?.minutes));
  sections.push({
    header: 'Paste the title and agenda for a full verdict',
    widgets: [
      { textInput: { name: 'title', label: 'Title', value: input.pasted?.title ?? '', type: 'SINGLE_LINE' } },
      { textInput: { name: 'agenda', label: 'Agenda or description', value: input.pasted?.agenda ?? '', type: 'MULTIPLE_LINE' } },
      { textInput: { name: 'minutes', label: 'Length in minutes', value: input.pasted?.minutes ? String(input.pasted.minutes) : '', type: 'SINGLE_LINE' } },
      { buttonList: { buttons: [button('Judge what I pasted', actionOf(context, 'paste'), 'FILLED')] } },
    ],
  });
  if (verdict.verdict !== 'keep' && context.event) sections.push(actionsSection(verdict, { ...context, canAskLlm: false }));
  return { name: 'partial-event', header: { title: input.pasted?.title?.trim() ? shorten(input.pasted.title.trim(), 120) : unreadable ? 'This event' : 'New event', subtitle: unreadable ? 'Calendar did not answer' : 'Not saved yet' }, sections: fit(sections) };
}

/** The drafted thread, every part editable, and where to post it. */
export function threadCard(input: { thread: AsyncThread; idempotencyKey: string; context: CardContext; recipientsNote: string }): Card {
  const { thread, context } = input;
  // Three inputs an item: keep the card within Google's widget limit with room for the rest.
  const items = thread.items.slice(0, 25);
  const widgets: Widget[] = [
    { decoratedText: { topLabel: 'To', text: escapeCardText(input.recipientsNote), startIcon: { knownIcon: 'MULTIPLE_PEOPLE' }, wrapText: true } },
    {
      selectionInput: {
        name: 'channel',
        label: 'Post it as',
        type: 'DROPDOWN',
        items: [
          { text: 'One Gmail thread to the guests', value: 'gmail', selected: true },
          { text: 'A thread in a Google Chat space', value: 'google-chat', selected: false },
        ],
      },
    },
    { textInput: { name: 'space', label: 'Chat space (for Chat only)', hintText: 'spaces/AAAA… from the space’s link', type: 'SINGLE_LINE' } },
    { textInput: { name: 'title', label: 'Subject', value: thread.title, type: 'SINGLE_LINE' } },
    { textInput: { name: 'intro', label: 'Introduction', value: thread.intro, type: 'MULTIPLE_LINE' } },
  ];
  const itemWidgets: Widget[] = items.flatMap((item, index): Widget[] => [
    { textInput: { name: `item.${index}.heading`, label: `Item ${index + 1}`, value: item.heading, type: 'SINGLE_LINE' } },
    { textInput: { name: `item.${index}.body`, label: 'Update', value: item.body, type: 'MULTIPLE_LINE' } },
    { textInput: { name: `item.${index}.ask`, label: 'Ask of the readers', value: item.ask ?? '', type: 'SINGLE_LINE' } },
  ]);
  const send = button('Send once', actionOf(context, 'send', { idempotencyKey: input.idempotencyKey, items: String(items.length), replyBy: thread.replyBy }), 'FILLED');
  return {
    name: 'thread',
    header: { title: 'Async update', subtitle: `Replies by ${thread.replyBy}` },
    sections: fit([
      { header: 'Where it goes', widgets },
      ...(itemWidgets.length > 0 ? [{ header: 'Items', widgets: itemWidgets }] : []),
      { widgets: [{ textParagraph: { text: escapeCardText('Sending posts it once, however often you click. The meeting stays in the calendar until you cancel it.') } }, { buttonList: { buttons: [send] } }] },
    ]),
  };
}

/** What to shorten, since an add-on cannot edit an event's times, and the pre-read to attach. */
export function trimCard(input: { verdict: Verdict; preReadUrl: string; canAttach: boolean; context: CardContext }): Card {
  const { verdict, context } = input;
  const minutes = verdict.cost.minutes;
  const keep = verdict.suggestion?.keepMinutes ?? Math.max(15, Math.round(minutes / 2 / 5) * 5);
  const moved = (verdict.suggestion?.asyncItems ?? verdict.agenda.flatMap((item, index) => (item.kind === 'info' ? [index] : [])))
    .map((index) => verdict.agenda[index]?.text)
    .filter((text): text is string => Boolean(text));
  const widgets: Widget[] = [
    { decoratedText: { topLabel: 'Shorten to', text: `<b>${keep} minutes</b> instead of ${minutes}`, startIcon: { knownIcon: 'CLOCK' }, bottomLabel: 'Change the end time in the event: add-ons cannot edit times.', wrapText: true } },
    { textParagraph: { text: moved.length > 0 ? `Move to the pre-read:<br>${moved.slice(0, 20).map((text) => `• ${escapeCardText(shorten(text, 200))}`).join('<br>')}` : escapeCardText('Put the status parts in the pre-read and keep the meeting for what needs the room.') } },
  ];
  const buttons: Button[] = [];
  if (input.canAttach) buttons.push(button('Attach the pre-read', actionOf(context, 'attach', { preReadUrl: input.preReadUrl }), 'FILLED'));
  buttons.push({ text: 'Open the pre-read', onClick: { openLink: { url: input.preReadUrl, openAs: 'FULL_SIZE' } }, type: 'OUTLINED' });
  widgets.push({ buttonList: { buttons } });
  if (!input.canAttach) widgets.push({ textParagraph: { text: escapeCardText('Open the event in edit mode to attach it, or paste the link into the description.') } });
  return { name: 'trim', header: { title: 'Trim the meeting', subtitle: shorten(verdict.reasons[0] ?? '', 100) || undefined }, sections: fit([{ widgets }]) };
}

/** One message in a card (sent, saved, a problem to fix). */
export function messageCard(input: { title: string; text: string; context?: CardContext; back?: boolean }): Card {
  const widgets: Widget[] = [{ textParagraph: { text: escapeCardText(input.text) } }];
  if (input.back && input.context) widgets.push({ buttonList: { buttons: [button('Back to the verdict', actionOf(input.context, 'refresh'), 'OUTLINED')] } });
  return { name: 'message', header: { title: input.title }, sections: [{ widgets }] };
}

/** The side panel with no event open. */
export function homepageCard(input: { actionUrl: string; prompts: 'on' | 'off' | 'unavailable' }): Card {
  const widgets: Widget[] = [{ textParagraph: { text: escapeCardText('Open or create an event: I will say whether it could be an async update, what it costs, and draft the thread that replaces it.') } }];
  if (input.prompts === 'unavailable') {
    widgets.push({ decoratedText: { topLabel: 'Prompts on new meetings', text: 'Not set up on this server', bottomLabel: 'Your admin can turn it on (see the README: Google Calendar add-on).', wrapText: true } });
  } else {
    const on = input.prompts === 'on';
    widgets.push({
      decoratedText: {
        topLabel: 'Prompts on new meetings',
        text: on ? 'On: I e-mail you when a meeting you create looks like an update' : 'Off',
        startIcon: { knownIcon: 'EMAIL' },
        wrapText: true,
        button: button(on ? 'Turn off' : 'Turn on', { function: input.actionUrl, parameters: [{ key: 'do', value: on ? 'prompts-off' : 'prompts-on' }], loadIndicator: 'SPINNER' }, 'OUTLINED'),
      },
    });
  }
  return { name: 'home', header: { title: 'Invite Challenger', subtitle: 'Could this meeting be an async update?' }, sections: [{ widgets }] };
}

/* Responses around the cards. */

export function pushCard(card: Card): TriggerResponse {
  return { action: { navigations: [{ pushCard: card }] } };
}

export function updateCard(card: Card, notification?: string): ActionResponse {
  return { renderActions: { action: { navigations: [{ updateCard: card }], ...(notification ? { notification: { text: notification } } : {}) } } };
}

export function notify(text: string): ActionResponse {
  return { renderActions: { action: { notification: { text } } } };
}

export function attachPreRead(url: string, title: string): ActionResponse {
  return { renderActions: { hostAppAction: { calendarAction: { addAttachmentsActionMarkup: { addonAttachments: [{ resourceUrl: url, title, mimeType: 'text/html' }] } } } } };
}

export function requestScopes(scopes: string[]): ScopeRequest {
  return { requesting_google_scopes: { scopes } };
}

/* Pieces. */

function verdictSection(verdict: Verdict): Section {
  const widgets: Widget[] = [{ decoratedText: { topLabel: 'Verdict', text: `<b>${escapeCardText(verdictHeadlines[verdict.verdict])}</b>`, bottomLabel: bottomLabelOf(verdict), wrapText: true } }];
  if (verdict.sensitive) widgets.push({ textParagraph: { text: escapeCardText('This looks sensitive (people, pay, health or similar): it stays a conversation.') } });
  return { widgets };
}

function reasonsSection(reasons: string[]): Section[] {
  if (reasons.length === 0) return [];
  return [{ header: 'Why', widgets: [{ textParagraph: { text: reasons.slice(0, 5).map((reason) => `• ${escapeCardText(shorten(reason, 300))}`).join('<br>') } }] }];
}

function agendaSections(verdict: Verdict): Section[] {
  if (verdict.agenda.length === 0) return [];
  const byKind = new Map<AgendaKind, string[]>();
  for (const item of verdict.agenda) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item.text]);
  const widgets: Widget[] = [...byKind].map(([kind, texts]) => ({
    decoratedText: { topLabel: `${kindLabels[kind]} · ${texts.length}`, text: texts.slice(0, 30).map((text) => `• ${escapeCardText(shorten(text, 200))}`).join('<br>'), wrapText: true },
  }));
  return [{ header: `Agenda (${verdict.agenda.length} ${verdict.agenda.length === 1 ? 'item' : 'items'})`, collapsible: widgets.length > 2, uncollapsibleWidgetsCount: widgets.length > 2 ? 2 : undefined, widgets }];
}

function costSection(cost: MeetingCost, durationUnknown: boolean): Section {
  const money = (amount: number) => formatMoney(amount, cost.currency);
  const text = durationUnknown
    ? `${cost.attendees} people: ${money(cost.amount)} an hour`
    : `${cost.attendees} people × ${cost.minutes} min = ${cost.personHours} person-hours ≈ ${money(cost.amount)}`;
  const widgets: Widget[] = [{ decoratedText: { topLabel: 'Cost', text: escapeCardText(text), startIcon: { knownIcon: 'DOLLAR' }, bottomLabel: durationUnknown ? 'The length is not known until the event is saved.' : undefined, wrapText: true } }];
  if (cost.perMonth) {
    widgets.push({ decoratedText: { topLabel: 'Per month (series)', text: escapeCardText(`${cost.perMonth.occurrences} meetings ≈ ${cost.perMonth.personHours} person-hours ≈ ${money(cost.perMonth.amount)}`), startIcon: { knownIcon: 'CLOCK' }, wrapText: true } });
  }
  return { widgets };
}

function actionsSection(verdict: Verdict, context: CardContext): Section {
  const buttons: Button[] = [];
  if (context.event) {
    if (!verdict.sensitive) buttons.push(button('Replace with async update', actionOf(context, 'draft'), verdict.verdict === 'async' ? 'FILLED' : 'OUTLINED'));
    buttons.push(button('Trim', actionOf(context, 'trim'), verdict.verdict === 'trim' ? 'FILLED' : 'OUTLINED'));
    buttons.push(button('Keep', actionOf(context, 'keep', { verdict: verdict.verdict }), verdict.verdict === 'keep' ? 'FILLED' : 'OUTLINED'));
  }
  if (context.canAskLlm && verdict.judge === 'embedded') buttons.push(button('Ask the LLM for a second opinion', actionOf(context, 'llm'), 'BORDERLESS'));
  if (buttons.length === 0) return { widgets: [{ textParagraph: { text: escapeCardText('Save the event to replace it with an async update.') } }] };
  return { widgets: [{ buttonList: { buttons } }] };
}

function button(text: string, action: CardAction, type: Button['type']): Button {
  return { text, onClick: { action }, type };
}

/** A button's action: our endpoint, what to do, and the event it is about. */
function actionOf(context: CardContext, what: string, extra: Record<string, string> = {}): CardAction {
  const parameters = [{ key: 'do', value: what }];
  if (context.event) {
    parameters.push({ key: 'calendarId', value: context.event.calendarId }, { key: 'eventId', value: context.event.eventId });
    if (context.event.recurringEventId) parameters.push({ key: 'recurringEventId', value: context.event.recurringEventId });
  }
  for (const [key, value] of Object.entries(extra)) parameters.push({ key, value });
  return { function: context.actionUrl, parameters, loadIndicator: 'SPINNER', ...(what === 'send' || what === 'paste' ? { persistValues: true } : {}) };
}

function subtitleOf(verdict: Verdict): string {
  const people = `${verdict.cost.attendees} people`;
  return verdict.cost.perMonth ? `${people}, recurring` : people;
}

function bottomLabelOf(verdict: Verdict): string {
  const judge = verdict.judge === 'embedded' ? 'built-in judge' : verdict.judge === 'llm' ? 'LLM judge' : 'built-in judge + LLM';
  return `${Math.round(verdict.confidence * 100)}% sure · ${judge}`;
}

function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${Math.round(amount)} ${currency}`;
  }
}

/** Keeps a card within Google's limits: the last sections give way first (never the verdict). */
function fit(sections: Section[]): Section[] {
  const kept: Section[] = [];
  let widgets = 0;
  for (const section of sections) {
    const room = maxWidgets - widgets;
    if (room <= 0) break;
    const part = section.widgets.length <= room ? section : { ...section, widgets: section.widgets.slice(0, room) };
    kept.push(part);
    widgets += part.widgets.length;
  }
  return kept;
}
