import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { GmailThreadChannel } from '../channels/gmail/gmail-thread-channel.js';
import { sendGmailMessage } from '../channels/gmail/gmail-message.js';
import { GoogleChatThreadChannel } from '../channels/google-chat/google-chat-thread-channel.js';
import { ChannelRefusal, PartialSendError, type SentReceipt, type ThreadChannel } from '../channels/thread-channel.js';
import { inviteDigest } from '../core/fingerprint.js';
import type { Invite } from '../core/invite.js';
import { escapeHtml } from '../core/thread/render-thread.js';
import { asyncThreadSchema, verdictKinds, type AsyncThread, type JudgeName, type Verdict, type VerdictKind } from '../core/verdict.js';
import type { ThreadDrafter } from '../drafting/thread-drafter.js';
import { IntegrationError } from '../integration/integration-error.js';
import type { Judge } from '../judge/judge.js';
import type { Store } from '../store/database.js';
import type { GoogleWatchChannel } from '../store/google-addon-repository.js';
import type { UserKey } from '../store/user-key.js';
import { defaultUserSettings, type UserSettings } from '../store/user-settings.js';
import type { AddonResponse } from './card-schema.js';
import type { UserTokenSource } from './delegated-user-tokens.js';
import { formInputOf, parameterOf, type AddonEvent } from './event-object.js';
import { interactiveRetryPolicy, isMissingScope, type GoogleApiOptions } from './google-api.js';
import { GoogleCalendarClient, SyncTokenExpired, type GoogleEvent } from './google-calendar-client.js';
import { eventObjectToInvite, googleEventToInvite } from './google-event-to-invite.js';
import type { GoogleUser } from './google-user-identity.js';
import { preReadPage, type PreRead } from './pre-read-page.js';
import {
  attachPreRead,
  homepageCard,
  messageCard,
  notify,
  partialEventCard,
  pushCard,
  requestScopes,
  threadCard,
  trimCard,
  updateCard,
  verdictCard,
  type CardContext,
  type EventRef,
} from './verdict-card.js';

/**
 * The Google Calendar add-on, apart from HTTP: each entry point takes Google's event object
 * (already verified and parsed) and returns a response Google can render. Every branch answers
 * with a card, a notification or a scope request, never an exception: a failure becomes a card
 * that says what went wrong. The first verdict is the embedded judge's (milliseconds); an LLM
 * verdict waits for the user's click.
 */

export const scopes = {
  calendarRead: 'https://www.googleapis.com/auth/calendar.events.readonly',
  gmailSend: 'https://www.googleapis.com/auth/gmail.send',
  chatCreate: 'https://www.googleapis.com/auth/chat.messages.create',
} as const;

/** What the add-on needs from the judging side (the server's JudgeProvider fits). */
export interface AddonJudges {
  judgeFor(settings: UserSettings, requested?: JudgeName): Judge;
  readonly hasLlm: boolean;
  readonly drafter: ThreadDrafter;
}

export interface GoogleAddonOptions {
  /** PUBLIC_URL: button actions, the push address and pre-read links are built from it. */
  publicUrl: string;
  /** GOOGLE_API_ROOT_URL. */
  googleApiRootUrl: string;
  store: Store;
  judges: AddonJudges;
  settingsFor(key: UserKey): Promise<UserSettings>;
  /** Tokens for a user outside an add-on call (creation prompts); without it, prompts are off. */
  userTokens?: UserTokenSource;
  clock?: () => Date;
  /** Warnings without personal data (an event id at most). */
  warn?: (message: string) => void;
  /** Per Google API call while a user waits (default 2.5 s). */
  apiTimeoutMs?: number;
  /** Longest the side panel waits for the event from the Calendar API before judging what it can see. */
  eventReadBudgetMs?: number;
}

/** Push channels live about a week; renew those within a day of their end. */
export const channelLifetimeMs = 7 * 24 * 3600_000;
export const renewBeforeMs = 24 * 3600_000;

/** A created event is prompted about only while it is fresh. */
const promptWindowMs = 24 * 3600_000;

type Trigger = 'open' | 'action';

type LoadedEvent = { kind: 'saved'; invite: Invite } | { kind: 'new' } | { kind: 'scope' } | { kind: 'unreadable' };

export class GoogleAddon {
  private readonly clock: () => Date;
  private readonly actionUrl: string;
  private readonly notificationUrl: string;
  /** One sync at a time per channel in this process; the store's prompt claim covers several processes. */
  private readonly syncing = new Map<string, Promise<void>>();

  constructor(private readonly options: GoogleAddonOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.actionUrl = `${options.publicUrl}/google/action`;
    this.notificationUrl = `${options.publicUrl}/google/notifications`;
  }

  async homepage(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    return pushCard(homepageCard({ actionUrl: this.actionUrl, prompts: await this.promptState(user) }));
  }

  /** eventOpenTrigger and eventUpdateTrigger: the embedded verdict, at once. */
  async eventOpen(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    return this.verdictResponse(event, user, 'open', 'embedded');
  }

  /** A button: `do` says which. */
  async action(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    const what = parameterOf(event, 'do');
    switch (what) {
      case 'refresh':
        return this.verdictResponse(event, user, 'action', 'embedded');
      case 'llm':
        return this.verdictResponse(event, user, 'action', this.options.judges.hasLlm ? 'llm' : 'embedded');
      case 'paste':
        return this.pasted(event, user);
      case 'draft':
        return this.draft(event, user);
      case 'send':
        return this.send(event, user);
      case 'keep':
        return this.keep(event, user);
      case 'trim':
        return this.trim(event, user);
      case 'attach':
        return this.attach(event);
      case 'prompts-on':
      case 'prompts-off':
        return this.setPrompts(event, user, what === 'prompts-on');
      default:
        return notify('That button is from an older version of the add-on: open the event again.');
    }
  }

  /** A card saying something failed, in the shape the trigger expects. */
  failureResponse(trigger: Trigger, text = 'Something went wrong on our side. Try again in a moment.'): AddonResponse {
    const card = messageCard({ title: 'Invite Challenger', text });
    return trigger === 'open' ? pushCard(card) : updateCard(card);
  }

  /* Verdicts. */

  private async verdictResponse(event: AddonEvent, user: GoogleUser | undefined, trigger: Trigger, judgeName: JudgeName): Promise<AddonResponse> {
    const missing = this.missingScopes(event, [scopes.calendarRead]);
    if (missing.length > 0 && event.calendar?.id) return requestScopes(missing);
    const loaded = await this.loadEvent(event);
    if (loaded.kind === 'scope') return requestScopes([scopes.calendarRead]);
    const settings = await this.settings(user);
    const context = this.contextOf(event, judgeName);
    if (loaded.kind === 'saved') {
      const verdict = await this.options.judges.judgeFor(settings, judgeName).judge(loaded.invite);
      const card = verdictCard({ title: loaded.invite.subject, verdict, context });
      return trigger === 'open' ? pushCard(card) : updateCard(card);
    }
    const { invite, facts } = eventObjectToInvite(event.calendar, this.clock());
    const verdict = await this.options.judges.judgeFor(settings, 'embedded').judge(invite);
    const card = partialEventCard({ verdict, facts, context, why: loaded.kind === 'unreadable' ? 'unreadable' : 'new' });
    const note = loaded.kind === 'unreadable' ? 'Google Calendar did not answer; this is judged on what the add-on can see.' : undefined;
    return trigger === 'open' ? pushCard(card) : updateCard(card, note);
  }

  private async pasted(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    const title = formInputOf(event, 'title')?.trim().slice(0, 500) || undefined;
    const agenda = formInputOf(event, 'agenda')?.slice(0, 20_000) || undefined;
    const minutesText = formInputOf(event, 'minutes')?.trim();
    const minutes = minutesText && /^\d{1,4}$/.test(minutesText) && Number(minutesText) > 0 && Number(minutesText) <= 24 * 60 ? Number(minutesText) : undefined;
    if (minutesText && minutes === undefined) return notify('The length should be a number of minutes, such as 30.');
    const { invite, facts } = eventObjectToInvite(event.calendar, this.clock(), { title, agenda, minutes });
    const verdict = await this.options.judges.judgeFor(await this.settings(user), 'embedded').judge(invite);
    return updateCard(partialEventCard({ verdict, facts, context: this.contextOf(event, 'embedded'), pasted: { title, agenda, minutes } }));
  }

  /* Replace with an async update. */

  private async draft(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    const loaded = await this.loadEvent(event);
    if (loaded.kind === 'scope') return requestScopes([scopes.calendarRead]);
    if (loaded.kind !== 'saved') return updateCard(messageCard({ title: 'Save the event first', text: 'The thread goes to the guests of a saved event: save it, then choose "Replace with async update" again.', context: this.contextOf(event, 'embedded'), back: true }));
    const settings = await this.settings(user);
    const verdict = await this.options.judges.judgeFor(settings, 'embedded').judge(loaded.invite);
    if (verdict.sensitive) return updateCard(messageCard({ title: 'Better in person', text: 'This meeting looks sensitive, so it is not turned into a written thread.', context: this.contextOf(event, 'embedded'), back: true }));
    const thread = await this.options.judges.drafter.draft(loaded.invite, verdict, { today: this.clock() });
    const recipients = this.recipientsOf(loaded.invite, user);
    const note = `${recipients.length} ${recipients.length === 1 ? 'guest' : 'guests'} of the event${recipients.length > 100 ? ' (sent in groups of 100, one thread)' : ''}`;
    return updateCard(threadCard({ thread: { ...thread, recipients }, idempotencyKey: randomUUID(), context: this.contextOf(event, 'embedded'), recipientsNote: note }));
  }

  private async send(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    const token = event.authorizationEventObject?.userOAuthToken;
    if (!user || !token) return notify('Sign-in information is missing: close and reopen the add-on, then send again.');
    const channel = formInputOf(event, 'channel') === 'google-chat' ? 'google-chat' : 'gmail';
    const missing = this.missingScopes(event, [channel === 'gmail' ? scopes.gmailSend : scopes.chatCreate]);
    if (missing.length > 0) return requestScopes(missing);
    const idempotencyKey = parameterOf(event, 'idempotencyKey') ?? '';
    if (!/^[A-Za-z0-9_:.-]{8,128}$/.test(idempotencyKey)) return notify('This card is out of date: choose "Replace with async update" again.');
    const space = formInputOf(event, 'space')?.trim() ?? '';
    if (channel === 'google-chat' && !/^spaces\/[A-Za-z0-9_-]+$/.test(space)) return notify('Give the Chat space as spaces/AAAA… (from the space’s link).');

    const loaded = await this.loadEvent(event);
    if (loaded.kind === 'scope') return requestScopes([scopes.calendarRead]);
    if (loaded.kind !== 'saved') return notify('The event could not be read: save it and try again.');
    const thread = this.threadFromForm(event, this.recipientsOf(loaded.invite, user));
    if (!thread) return notify('The thread needs a subject and at least one item.');

    const key = { tenantId: 'google', userId: user.userId };
    const requestHash = createHash('sha256').update(JSON.stringify([channel, space, thread])).digest('hex');
    const claim = await this.options.store.sentThreads.claim(key, idempotencyKey, requestHash);
    const context = this.contextOf(event, 'embedded');
    if (claim.state === 'done') return updateCard(sentCard(claim.result as SentReceipt, context), (claim.result as SentReceipt).partial ? 'Already sent, in part: it is not sent again.' : 'Already sent: it went out once.');
    if (claim.state === 'in-progress') return notify('It is being sent: give it a moment.');
    if (claim.state === 'conflict') return notify('This card was already used to send a different thread: open the draft again to send another.');

    let receipt: SentReceipt;
    try {
      const api: GoogleApiOptions = { rootUrl: this.options.googleApiRootUrl, accessToken: token, timeoutMs: this.options.apiTimeoutMs ?? 5000, retry: interactiveRetryPolicy };
      const sender: ThreadChannel = channel === 'gmail' ? new GmailThreadChannel(api) : new GoogleChatThreadChannel({ ...api, space, requestKey: idempotencyKey });
      receipt = await sender.send({ thread, sender: { email: user.email, name: user.name } });
    } catch (error) {
      if (error instanceof PartialSendError) {
        // Some of it went out: keep the key as done with what went out, so a retry mails nobody twice.
        await this.options.store.sentThreads.complete(key, idempotencyKey, error.receipt);
        this.options.warn?.(`google add-on: a thread by ${channel} went out only in part (${error.receipt.partial.sentTo.length} of ${error.receipt.partial.sentTo.length + error.receipt.partial.notSentTo.length})`);
        return updateCard(sentCard(error.receipt, context), 'Sent only in part.');
      }
      // Nothing went out (or Google refused all of it): free the key so that a retry can send.
      await this.options.store.sentThreads.release(key, idempotencyKey);
      if (isMissingScope(error)) return requestScopes([channel === 'gmail' ? scopes.gmailSend : scopes.chatCreate]);
      const reason = error instanceof ChannelRefusal ? error.message : error instanceof IntegrationError ? describeGoogleFailure(error, channel) : 'it could not be sent';
      this.options.warn?.(`google add-on: sending a thread by ${channel} failed (${error instanceof Error ? error.name : 'error'})`);
      // No answer at all: Gmail may have sent it, and it is not repeated blindly.
      if (error instanceof IntegrationError && error.status === undefined && channel === 'gmail') {
        return updateCard(messageCard({ title: 'Maybe not sent', text: 'Gmail did not answer, so it may or may not have gone out: look in your Sent folder before trying again.', context, back: true }));
      }
      return updateCard(messageCard({ title: 'Not sent', text: `Nothing was sent: ${reason}. Try again.`, context, back: true }));
    }
    await this.options.store.sentThreads.complete(key, idempotencyKey, receipt);
    return updateCard(sentCard(receipt, context), 'Sent.');
  }

  /** The thread as the user edited it in the card. */
  private threadFromForm(event: AddonEvent, recipients: string[]): AsyncThread | undefined {
    const count = Math.min(Number(parameterOf(event, 'items') ?? 0) || 0, 25);
    const items = Array.from({ length: count }, (_, index) => ({
      heading: formInputOf(event, `item.${index}.heading`)?.trim() ?? '',
      body: formInputOf(event, `item.${index}.body`) ?? '',
      ask: formInputOf(event, `item.${index}.ask`)?.trim() || undefined,
    })).filter((item) => item.heading !== '');
    const parsed = asyncThreadSchema.safeParse({
      title: formInputOf(event, 'title')?.trim() ?? '',
      intro: formInputOf(event, 'intro') ?? '',
      items,
      replyBy: parameterOf(event, 'replyBy') ?? '',
      recipients,
      source: 'template',
    });
    return parsed.success && parsed.data.items.length > 0 ? parsed.data : undefined;
  }

  /** Everyone invited but rooms and the sender, each once. */
  private recipientsOf(invite: Invite, user: GoogleUser | undefined): string[] {
    const self = user?.email.toLowerCase();
    const people = invite.attendees.filter((attendee) => attendee.type !== 'resource').map((attendee) => attendee.email.trim().toLowerCase());
    return [...new Set(people)].filter((email) => email && email !== self);
  }

  /* Keep and Trim. */

  private async keep(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    if (!user) return notify('Thanks. (Feedback is kept only for signed-in users.)');
    const loaded = await this.loadEvent(event);
    const invite = loaded.kind === 'saved' ? loaded.invite : eventObjectToInvite(event.calendar, this.clock()).invite;
    const shown = parameterOf(event, 'verdict');
    const verdict: VerdictKind = verdictKinds.includes(shown as VerdictKind) ? (shown as VerdictKind) : 'keep';
    await this.options.store.feedback.addFeedback({ tenantId: 'google', userId: user.userId }, { fingerprint: await inviteDigest(invite), verdict, expected: 'keep', surface: 'google' });
    return notify(verdict === 'keep' ? 'Kept. Thanks for confirming.' : 'Kept. Noted that this meeting is worth having: it helps the judge learn.');
  }

  private async trim(event: AddonEvent, user: GoogleUser | undefined): Promise<AddonResponse> {
    if (!user) return notify('Sign-in information is missing: close and reopen the add-on.');
    const loaded = await this.loadEvent(event);
    if (loaded.kind === 'scope') return requestScopes([scopes.calendarRead]);
    const invite = loaded.kind === 'saved' ? loaded.invite : eventObjectToInvite(event.calendar, this.clock()).invite;
    const verdict = await this.options.judges.judgeFor(await this.settings(user), 'embedded').judge(invite);
    const preRead = preReadOf(invite, verdict, this.clock());
    const id = randomBytes(18).toString('base64url');
    await this.options.store.googleAddon.savePreRead({ tenantId: 'google', userId: user.userId }, id, preRead);
    const preReadUrl = `${this.options.publicUrl}/google/pre-read/${id}`;
    return updateCard(trimCard({ verdict, preReadUrl, canAttach: event.calendar?.capabilities?.canAddAttachments === true, context: this.contextOf(event, 'embedded') }));
  }

  private attach(event: AddonEvent): AddonResponse {
    const url = parameterOf(event, 'preReadUrl') ?? '';
    // Only a link to one of our own pre-reads: a button parameter comes back from the client.
    if (!url.startsWith(`${this.options.publicUrl}/google/pre-read/`)) return notify('That pre-read link is not one of ours.');
    return attachPreRead(url, 'Pre-read');
  }

  /** The pre-read page, or undefined for an unknown id. */
  async preReadHtml(id: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return undefined;
    const content = (await this.options.store.googleAddon.getPreRead(id)) as PreRead | undefined;
    return content ? preReadPage(content) : undefined;
  }

  /* Creation prompts: push channels on the user's calendar. */

  private async promptState(user: GoogleUser | undefined): Promise<'on' | 'off' | 'unavailable'> {
    if (!this.options.userTokens || !user) return 'unavailable';
    const channels = await this.options.store.googleAddon.listChannels({ tenantId: 'google', userId: user.userId });
    return channels.length > 0 ? 'on' : 'off';
  }

  private async setPrompts(event: AddonEvent, user: GoogleUser | undefined, on: boolean): Promise<AddonResponse> {
    const tokens = this.options.userTokens;
    if (!tokens || !user) return updateCard(homepageCard({ actionUrl: this.actionUrl, prompts: 'unavailable' }));
    const key = { tenantId: 'google', userId: user.userId };
    try {
      const existing = await this.options.store.googleAddon.listChannels(key);
      if (on && existing.length === 0) await this.openChannel(key, user.email, 'primary', null);
      if (!on) for (const channel of existing) await this.closeChannel(channel);
    } catch (error) {
      this.options.warn?.(`google add-on: turning prompts ${on ? 'on' : 'off'} failed (${error instanceof Error ? error.message : 'error'})`);
      return updateCard(homepageCard({ actionUrl: this.actionUrl, prompts: on ? 'off' : 'on' }), 'Google Calendar did not answer; try again.');
    }
    return updateCard(homepageCard({ actionUrl: this.actionUrl, prompts: on ? 'on' : 'off' }), on ? 'Prompts on.' : 'Prompts off.');
  }

  /** Opens a channel for the user's calendar and starts (or continues) its sync. */
  private async openChannel(key: UserKey, userEmail: string, calendarId: string, syncToken: string | null): Promise<GoogleWatchChannel> {
    const client = await this.delegatedClient(userEmail);
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const opened = await client.watch(calendarId, { id, address: this.notificationUrl, token, expiration: this.clock().getTime() + channelLifetimeMs });
    // A first full sync now, so that only events created from here on are prompted about.
    const startToken = syncToken ?? (await client.changedEvents(calendarId, undefined)).nextSyncToken;
    const channel = { ...key, channelId: opened.id, userEmail, calendarId, resourceId: opened.resourceId, tokenHash: sha256(token), expiresAt: new Date(opened.expiration).toISOString(), syncToken: startToken };
    await this.options.store.googleAddon.saveChannel(channel);
    return { ...channel, createdAt: this.clock().toISOString() };
  }

  private async closeChannel(channel: GoogleWatchChannel): Promise<void> {
    try {
      await (await this.delegatedClient(channel.userEmail)).stop({ id: channel.channelId, resourceId: channel.resourceId });
    } finally {
      await this.options.store.googleAddon.deleteChannel(channel.channelId);
    }
  }

  /**
   * Replaces every channel that ends within a day with a new one carrying on the same sync, then
   * closes the old one. Run on a timer; returns how many it renewed.
   */
  async renewChannels(): Promise<number> {
    if (!this.options.userTokens) return 0;
    const due = await this.options.store.googleAddon.listChannelsExpiringBefore(new Date(this.clock().getTime() + renewBeforeMs));
    let renewed = 0;
    for (const channel of due) {
      try {
        await this.openChannel({ tenantId: channel.tenantId, userId: channel.userId }, channel.userEmail, channel.calendarId, channel.syncToken);
        await this.closeChannel(channel).catch(() => undefined);
        renewed++;
      } catch (error) {
        this.options.warn?.(`google add-on: renewing a push channel failed (${error instanceof Error ? error.message : 'error'})`);
      }
    }
    return renewed;
  }

  /**
   * A Calendar push notification (headers only). Answers an HTTP status: 200 once handled, 404
   * for a channel we do not know, 401 for a wrong channel token. The work is done before
   * answering, so a crash makes Google deliver again; the prompt claim makes repeats harmless.
   */
  async notification(headers: Record<string, string | string[] | undefined>): Promise<number> {
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const channelId = header('x-goog-channel-id');
    const state = header('x-goog-resource-state');
    if (!channelId || !state) return 400;
    const channel = await this.options.store.googleAddon.getChannel(channelId);
    if (!channel) return 404;
    const token = header('x-goog-channel-token') ?? '';
    if (!sameHash(sha256(token), channel.tokenHash) || header('x-goog-resource-id') !== channel.resourceId) return 401;
    if (state !== 'exists') return 200;
    const previous = this.syncing.get(channelId) ?? Promise.resolve();
    const run = previous.then(() => this.syncChannel(channelId)).finally(() => {
      if (this.syncing.get(channelId) === run) this.syncing.delete(channelId);
    });
    this.syncing.set(channelId, run);
    try {
      await run;
      return 200;
    } catch (error) {
      this.options.warn?.(`google add-on: handling a push notification failed (${error instanceof Error ? error.message : 'error'})`);
      // 5xx: Google retries with back-off.
      return 503;
    }
  }

  private async syncChannel(channelId: string): Promise<void> {
    const channel = await this.options.store.googleAddon.getChannel(channelId);
    if (!channel) return;
    const client = await this.delegatedClient(channel.userEmail);
    let changes: { events: GoogleEvent[]; nextSyncToken: string };
    try {
      if (!channel.syncToken) throw new SyncTokenExpired('no sync token yet', { vendor: 'google', isRetryable: false });
      changes = await client.changedEvents(channel.calendarId, channel.syncToken);
    } catch (error) {
      if (!(error instanceof SyncTokenExpired)) throw error;
      // Start over without prompting: whatever changed meanwhile is not "just created".
      const { nextSyncToken } = await client.changedEvents(channel.calendarId, undefined);
      await this.options.store.googleAddon.setSyncToken(channelId, nextSyncToken);
      return;
    }
    const key = { tenantId: channel.tenantId, userId: channel.userId };
    for (const event of changes.events) {
      if (!this.isFreshMeetingBy(event, channel.userEmail)) continue;
      await this.maybePrompt(key, channel, event);
    }
    await this.options.store.googleAddon.setSyncToken(channelId, changes.nextSyncToken);
  }

  /** Created by this user as organiser, recently, with other people, at a time of day. */
  private isFreshMeetingBy(event: GoogleEvent, userEmail: string): boolean {
    if (!event.id || event.status === 'cancelled' || !event.start?.dateTime) return false;
    const organizer = event.organizer?.email?.toLowerCase();
    if (!(event.organizer?.self || organizer === userEmail.toLowerCase())) return false;
    const created = Date.parse(event.created ?? '');
    if (!Number.isFinite(created) || this.clock().getTime() - created > promptWindowMs) return false;
    const others = (event.attendees ?? []).filter((attendee) => !attendee.resource && !attendee.self && attendee.email?.toLowerCase() !== userEmail.toLowerCase());
    return others.length >= 2;
  }

  private async maybePrompt(key: UserKey, channel: GoogleWatchChannel, event: GoogleEvent): Promise<void> {
    const invite = googleEventToInvite(event);
    const verdict = await this.options.judges.judgeFor(await this.options.settingsFor(key), 'embedded').judge(invite);
    // Information transfer only: a meeting worth having, or a sensitive one, gets no nudge.
    if (verdict.verdict === 'keep' || verdict.sensitive) return;
    if (!(await this.options.store.googleAddon.claimEventPrompt(key, event.id!))) return;
    try {
      const accessToken = await this.options.userTokens!.accessToken(channel.userEmail);
      await sendGmailMessage({ rootUrl: this.options.googleApiRootUrl, accessToken, timeoutMs: this.options.apiTimeoutMs }, promptMessage(channel.userEmail, invite, verdict, event.htmlLink ?? undefined));
    } catch (error) {
      await this.options.store.googleAddon.releaseEventPrompt(key, event.id!);
      throw error;
    }
  }

  /* Shared. */

  /**
   * The saved event as an Invite, or why not, within a time budget: Google gives an add-on
   * seconds to answer, and a card judged on what is visible beats no card.
   */
  private async loadEvent(event: AddonEvent): Promise<LoadedEvent> {
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<LoadedEvent>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'unreadable' }), this.options.eventReadBudgetMs ?? 4000);
    });
    try {
      return await Promise.race([this.readEvent(event), budget]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readEvent(event: AddonEvent): Promise<LoadedEvent> {
    const calendarId = parameterOf(event, 'calendarId') ?? event.calendar?.calendarId;
    const eventId = parameterOf(event, 'eventId') ?? event.calendar?.id;
    const token = event.authorizationEventObject?.userOAuthToken;
    if (!calendarId || !eventId || !token) return { kind: 'new' };
    const client = new GoogleCalendarClient({ rootUrl: this.options.googleApiRootUrl, accessToken: token, timeoutMs: this.options.apiTimeoutMs ?? 2500, retry: interactiveRetryPolicy });
    try {
      const found = await client.getEvent(calendarId, eventId);
      if (!found) return { kind: 'new' };
      // An occurrence carries no RRULE: its series' says how often it recurs.
      const seriesId = found.recurringEventId ?? parameterOf(event, 'recurringEventId') ?? event.calendar?.recurringEventId;
      let seriesRule: string | undefined;
      if (!found.recurrence?.length && seriesId && seriesId !== eventId) {
        const series = await client.getEvent(calendarId, seriesId).catch(() => undefined);
        seriesRule = series?.recurrence?.find((line) => /^RRULE:/i.test(line));
      }
      return { kind: 'saved', invite: googleEventToInvite(found, { seriesRule }) };
    } catch (error) {
      if (isMissingScope(error)) return { kind: 'scope' };
      this.options.warn?.(`google add-on: reading an event failed (${error instanceof Error ? error.message : 'error'})`);
      return { kind: 'unreadable' };
    }
  }

  /** Scopes in `needed` the user has not granted (granular consent); none when Google does not say. */
  private missingScopes(event: AddonEvent, needed: string[]): string[] {
    const granted = event.authorizationEventObject?.authorizedScopes;
    if (!granted) return [];
    return needed.filter((scope) => !granted.includes(scope));
  }

  private contextOf(event: AddonEvent, judgeName: JudgeName): CardContext {
    const calendarId = parameterOf(event, 'calendarId') ?? event.calendar?.calendarId;
    const eventId = parameterOf(event, 'eventId') ?? event.calendar?.id;
    const recurringEventId = parameterOf(event, 'recurringEventId') ?? event.calendar?.recurringEventId;
    const ref: EventRef | undefined = calendarId && eventId ? { calendarId, eventId, ...(recurringEventId ? { recurringEventId } : {}) } : undefined;
    return { actionUrl: this.actionUrl, event: ref, canAskLlm: this.options.judges.hasLlm && judgeName === 'embedded' };
  }

  private async settings(user: GoogleUser | undefined): Promise<UserSettings> {
    return user ? this.options.settingsFor({ tenantId: 'google', userId: user.userId }) : defaultUserSettings();
  }

  private async delegatedClient(userEmail: string): Promise<GoogleCalendarClient> {
    const accessToken = await this.options.userTokens!.accessToken(userEmail);
    return new GoogleCalendarClient({ rootUrl: this.options.googleApiRootUrl, accessToken, timeoutMs: this.options.apiTimeoutMs });
  }
}

function sentCard(receipt: SentReceipt, context: CardContext) {
  const where = receipt.channel === 'gmail' ? 'as one Gmail thread' : 'to the Chat space';
  if (receipt.partial) {
    const { sentTo, notSentTo } = receipt.partial;
    return messageCard({
      title: 'Sent only in part',
      text: `The update went ${where} to ${sentTo.length} ${sentTo.length === 1 ? 'person' : 'people'} (${listed(sentTo)}), then Gmail stopped accepting it. ${notSentTo.length} did not get it: ${listed(notSentTo)}. It is not sent again from here, so nobody gets it twice: forward it to them from your Sent folder.`,
      context,
      back: true,
    });
  }
  return messageCard({ title: 'Sent', text: `The update went ${where} to ${receipt.recipients} ${receipt.recipients === 1 ? 'person' : 'people'}. Cancel the meeting in the event when you are ready.`, context, back: true });
}

/** Addresses for a card: the first few, then how many more. */
function listed(addresses: string[], shown = 10): string {
  return addresses.length <= shown ? addresses.join(', ') : `${addresses.slice(0, shown).join(', ')} and ${addresses.length - shown} more`;
}

function describeGoogleFailure(error: IntegrationError, channel: string): string {
  const service = channel === 'gmail' ? 'Gmail' : 'Google Chat';
  if (error.status === 429) return `${service} asked us to slow down`;
  if (error.status === 404) return channel === 'gmail' ? 'Gmail did not find the thread' : 'that Chat space was not found, or you are not in it';
  if (error.status === 401 || error.status === 403) return `${service} refused the request`;
  return `${service} did not accept it`;
}

function preReadOf(invite: Invite, verdict: Verdict, now: Date): PreRead {
  const moved = new Set(verdict.suggestion?.asyncItems ?? verdict.agenda.flatMap((item, index) => (item.kind === 'info' ? [index] : [])));
  return {
    title: invite.subject.trim() || 'Meeting',
    read: verdict.agenda.filter((_, index) => moved.has(index)).map((item) => item.text),
    discuss: verdict.agenda.filter((_, index) => !moved.has(index)).map((item) => item.text),
    keepMinutes: verdict.suggestion?.keepMinutes ?? Math.max(15, Math.round(verdict.cost.minutes / 2 / 5) * 5),
    createdAt: now.toISOString(),
  };
}

function promptMessage(to: string, invite: Invite, verdict: Verdict, link: string | undefined) {
  const title = invite.subject.trim() || 'Your new meeting';
  const cost = `${verdict.cost.attendees} people × ${verdict.cost.minutes} min ≈ ${verdict.cost.personHours} person-hours${verdict.cost.perMonth ? ` (${verdict.cost.perMonth.personHours} a month)` : ''}`;
  const ask = verdict.verdict === 'async' ? 'It looks like an update that could be a written thread.' : 'It looks like it could be shorter, with a pre-read.';
  const open = link ? `Open the event and use Invite Challenger in the side panel to replace it with an async update or trim it: ${link}` : 'Open the event and use Invite Challenger in the side panel to replace it with an async update or trim it.';
  const text = [`"${title}"`, ask, ...verdict.reasons.map((reason) => `- ${reason}`), cost, open].join('\n\n');
  const html = `<p><strong>${escapeHtml(title)}</strong></p><p>${escapeHtml(ask)}</p><ul>${verdict.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul><p>${escapeHtml(cost)}</p><p>${link ? `<a href="${escapeHtml(link)}">Open the event</a> and use Invite Challenger in the side panel to replace it with an async update or trim it.` : escapeHtml(open)}</p>`;
  return { to, subject: `"${title}" could be an async update`, text, html };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
