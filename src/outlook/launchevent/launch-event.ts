/// <reference types="office-js" />
import { classifyInvite } from '../../core/classifier/embedded-classifier.js';
import type { Invite } from '../../core/invite.js';
import { guardVerdict } from '../../core/sensitivity/sensitivity-guard.js';
import type { Verdict } from '../../core/verdict.js';
import { officeAsync, readDraftInvite } from '../office/read-draft.js';

/**
 * Event-based activation handlers (manifest.xml LaunchEvent). They run in the classic Outlook on
 * Windows JavaScript-only runtime too: no DOM, no React, no localStorage, no dynamic import.
 * Every handler calls `event.completed` exactly once, and any error lets the send go ahead.
 */

/** The task pane button's id in manifest.xml (AppointmentOrganizerCommandSurface). */
export const taskPaneCommandId = 'apptComposeOpenPaneButton';
export const verdictSessionKey = 'invite-challenger-verdict';
export const insightNotificationKey = 'invite-challenger-insight';
/** A stored verdict older than this is judged again at send time. */
export const verdictFreshMs = 2 * 60_000;
export const blockConfidence = 0.8;

export type SmartAlertMode = 'soft-block' | 'prompt-user' | 'off';
export const defaultSmartAlertMode: SmartAlertMode = 'soft-block';

/** What is kept in item.sessionData: small, no invite text. */
export interface StoredVerdict {
  verdict: Verdict['verdict'];
  confidence: number;
  sensitive: boolean;
  personHours: number;
  at: number;
}

interface CompletableEvent {
  completed(options?: Record<string, unknown>): void;
}

/** Seams for tests: where the item, settings and clock come from. */
export interface HandlerEnvironment {
  item(): Office.AppointmentCompose;
  smartAlertMode(): SmartAlertMode;
  now(): number;
}

export const officeEnvironment: HandlerEnvironment = {
  item: () => Office.context.mailbox.item as unknown as Office.AppointmentCompose,
  smartAlertMode: () => {
    try {
      const value: unknown = Office.context.roamingSettings?.get('smartAlertMode');
      return value === 'prompt-user' || value === 'off' || value === 'soft-block' ? value : defaultSmartAlertMode;
    } catch {
      return defaultSmartAlertMode;
    }
  },
  now: () => Date.now(),
};

let environment: HandlerEnvironment = officeEnvironment;
/** Tests swap the environment; production never calls this. */
export function setHandlerEnvironment(next: HandlerEnvironment = officeEnvironment): void {
  environment = next;
}

export function judge(invite: Invite): Verdict {
  return guardVerdict(invite, classifyInvite(invite));
}

function organizerEmail(): string | undefined {
  try {
    return Office.context.mailbox.userProfile.emailAddress || undefined;
  } catch {
    return undefined;
  }
}

async function judgeDraft(item: Office.AppointmentCompose): Promise<{ invite: Invite; verdict: Verdict; unreadFields: string[] }> {
  const email = organizerEmail();
  const { invite, unreadFields } = await readDraftInvite(item, email ? { organizerEmail: email } : {});
  return { invite, verdict: judge(invite), unreadFields };
}

function toStored(verdict: Verdict, at: number): StoredVerdict {
  return { verdict: verdict.verdict, confidence: verdict.confidence, sensitive: verdict.sensitive, personHours: verdict.cost.personHours, at };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function hours(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** Enough text to judge from: a subject and a body, or a long subject. */
function hasEnoughText(invite: Invite): boolean {
  const bodyText = invite.body.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').trim();
  return invite.subject.trim().length >= 8 && (bodyText.length >= 20 || invite.subject.trim().length >= 25);
}

export async function onNewAppointmentOrganizer(event: CompletableEvent): Promise<void> {
  try {
    const item = environment.item();
    const { invite, verdict } = await judgeDraft(item);
    if (verdict.verdict !== 'keep' && !verdict.sensitive && hasEnoughText(invite)) {
      const message =
        verdict.verdict === 'async'
          ? `This could be an async update: ${hours(verdict.cost.personHours)} person-hours. Review before sending.`
          : `Parts of this meeting could go async. Review to trim it.`;
      await officeAsync('notificationMessages', (cb) =>
        item.notificationMessages.addAsync(
          insightNotificationKey,
          {
            type: 'insightMessage' as Office.MailboxEnums.ItemNotificationMessageType,
            message: truncate(message, 150),
            icon: 'Icon.16x16',
            actions: [{ actionType: 'showTaskPane', actionText: 'Review', commandId: taskPaneCommandId, contextData: '{}' }],
          } as unknown as Office.NotificationMessageDetails,
          cb,
        ),
      );
    }
  } catch {
    // Nothing to say is fine: never get in the organizer's way.
  }
  event.completed();
}

async function rememberVerdict(event: CompletableEvent): Promise<void> {
  try {
    const item = environment.item();
    const { verdict } = await judgeDraft(item);
    const stored = toStored(verdict, environment.now());
    await officeAsync('sessionData', (cb) => item.sessionData.setAsync(verdictSessionKey, JSON.stringify(stored), cb));
  } catch {
    // The send handler judges again when nothing fresh is stored.
  }
  event.completed();
}

export function onAppointmentAttendeesChanged(event: CompletableEvent): Promise<void> {
  return rememberVerdict(event);
}

export function onAppointmentTimeChanged(event: CompletableEvent): Promise<void> {
  return rememberVerdict(event);
}

function parseStored(raw: unknown, now: number): StoredVerdict | undefined {
  if (typeof raw !== 'string' || !raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredVerdict>;
    if (typeof value.at !== 'number' || now - value.at > verdictFreshMs || now < value.at) return undefined;
    if (value.verdict !== 'async' && value.verdict !== 'trim' && value.verdict !== 'keep') return undefined;
    if (typeof value.confidence !== 'number' || typeof value.sensitive !== 'boolean' || typeof value.personHours !== 'number') return undefined;
    return value as StoredVerdict;
  } catch {
    return undefined;
  }
}

/** The Smart Alert text (≤ 500 chars): why, and what the meeting costs. */
export function smartAlertMessage(stored: Pick<StoredVerdict, 'personHours'>): string {
  return truncate(
    `Invite Challenger thinks this meeting could be an async update: it reads as one-way information sharing. ` +
      `It would cost about ${hours(stored.personHours)} person-hours of attendees' time. ` +
      `Review it to send an update thread instead, or send the invite anyway.`,
    500,
  );
}

export async function onAppointmentSend(event: CompletableEvent): Promise<void> {
  let options: Record<string, unknown> = { allowEvent: true };
  try {
    const mode = environment.smartAlertMode();
    if (mode !== 'off') {
      const item = environment.item();
      const now = environment.now();
      const raw = await officeAsync<string>('sessionData', (cb) => item.sessionData.getAsync(verdictSessionKey, cb)).catch(() => undefined);
      let decision = parseStored(raw, now);
      if (!decision) {
        const { verdict, unreadFields } = await judgeDraft(item);
        // A draft we could not fully read is not challenged.
        if (!unreadFields.some((field) => ['subject', 'body', 'start', 'end', 'requiredAttendees'].includes(field))) decision = toStored(verdict, now);
      }
      if (decision && decision.verdict === 'async' && decision.confidence >= blockConfidence && !decision.sensitive) {
        options = {
          allowEvent: false,
          errorMessage: smartAlertMessage(decision),
          commandId: taskPaneCommandId,
          contextData: JSON.stringify({ from: 'smart-alert' }),
          ...(mode === 'prompt-user' ? { sendModeOverride: 'promptUser' } : {}),
        };
      }
    }
  } catch {
    options = { allowEvent: true }; // fail open
  }
  event.completed(options);
}

/** FunctionName (manifest LaunchEvent) → handler. index.ts registers each with Office.actions.associate. */
export const launchEventHandlers = {
  onNewAppointmentOrganizer,
  onAppointmentAttendeesChanged,
  onAppointmentTimeChanged,
  onAppointmentSend,
} as const satisfies Record<string, (event: CompletableEvent) => Promise<void>>;
