/// <reference types="office-js" />
import type { Invite, InviteInput } from '../../core/invite.js';
import { parseInvite } from '../../core/invite.js';

/**
 * The pane's view of Outlook: read the draft, watch it change, apply a trim, close it.
 * `readDraft` matches the Office adapter's `readDraftInvite(item)` (src/outlook/office/read-draft.ts);
 * until that lands, a minimal reader below fills the same shape.
 */
export type DraftReader = (item: Office.AppointmentCompose) => Promise<{ invite: Invite; unreadFields: string[] }>;

export interface DraftHost {
  kind: 'outlook';
  read(): Promise<{ invite: Invite; unreadFields: string[] }>;
  onChange(listener: () => void): void;
  trim(keepMinutes: number, preReadHtml: string): Promise<void>;
  close(): void;
  theme(): 'dark' | 'light' | undefined;
}

function promisify<T>(run: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve(result.value) : reject(new Error(result.error?.message ?? 'Office call failed')))),
  );
}

/** A small built-in reader (subject, body, attendees, time, recurrence). */
export const basicReadDraft: DraftReader = async (item) => {
  const unreadFields: string[] = [];
  const safe = async <T,>(field: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch {
      unreadFields.push(field);
      return fallback;
    }
  };
  const subject = await safe('subject', () => promisify<string>((cb) => item.subject.getAsync(cb)), '');
  const body = await safe('body', () => promisify<string>((cb) => item.body.getAsync(Office.CoercionType.Text, cb)), '');
  const required = await safe('attendees', () => promisify<Office.EmailAddressDetails[]>((cb) => item.requiredAttendees.getAsync(cb)), []);
  const optional = await safe('attendees', () => promisify<Office.EmailAddressDetails[]>((cb) => item.optionalAttendees.getAsync(cb)), []);
  const start = await safe('start', () => promisify<Date>((cb) => item.start.getAsync(cb)), new Date());
  const end = await safe('end', () => promisify<Date>((cb) => item.end.getAsync(cb)), new Date(start.getTime() + 30 * 60000));
  const recurrence = await safe('recurrence', () => promisify<Office.Recurrence | null>((cb) => item.recurrence.getAsync(cb)), null);
  const organizer = Office.context.mailbox.userProfile;
  const input: InviteInput = {
    subject,
    body,
    organizer: organizer ? { name: organizer.displayName, email: organizer.emailAddress } : undefined,
    attendees: [
      ...required.map((a) => ({ name: a.displayName, email: a.emailAddress, type: 'required' as const })),
      ...optional.map((a) => ({ name: a.displayName, email: a.emailAddress, type: 'optional' as const })),
    ],
    start: start.toISOString(),
    durationMinutes: Math.max(0, Math.round((end.getTime() - start.getTime()) / 60000)),
    recurrence: recurrenceName(recurrence),
    source: 'outlook',
  };
  return { invite: parseInvite(input), unreadFields: [...new Set(unreadFields)] };
};

function recurrenceName(recurrence: Office.Recurrence | null): Invite['recurrence'] {
  if (!recurrence) return null;
  const type = String(recurrence.recurrenceType).toLowerCase();
  const interval = recurrence.recurrenceProperties?.interval ?? 1;
  if (type === 'daily' || type === 'weekday') return 'daily';
  if (type === 'weekly') return interval >= 2 ? 'biweekly' : 'weekly';
  if (type === 'monthly' || type === 'relativemonthly') return 'monthly';
  return null;
}

function isDark(color: string | undefined): boolean | undefined {
  const hex = color?.replace('#', '');
  if (!hex || hex.length < 6) return undefined;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

export function outlookHost(readDraft: DraftReader = basicReadDraft): DraftHost {
  const item = Office.context.mailbox.item as unknown as Office.AppointmentCompose;
  return {
    kind: 'outlook',
    read: () => readDraft(item),
    onChange(listener) {
      for (const type of [Office.EventType.AppointmentTimeChanged, Office.EventType.RecipientsChanged, Office.EventType.RecurrenceChanged]) {
        item.addHandlerAsync(type, listener);
      }
    },
    async trim(keepMinutes, preReadHtml) {
      const start = await promisify<Date>((cb) => item.start.getAsync(cb));
      await promisify<void>((cb) => item.end.setAsync(new Date(start.getTime() + keepMinutes * 60000), cb));
      await promisify<void>((cb) => item.body.prependAsync(preReadHtml, { coercionType: Office.CoercionType.Html }, cb));
    },
    close: () => item.close(),
    theme() {
      const dark = isDark(Office.context.officeTheme?.bodyBackgroundColor);
      return dark === undefined ? undefined : dark ? 'dark' : 'light';
    },
  };
}

/** Resolves the Outlook host, or undefined outside Office (preview mode). Never waits long. */
export async function detectOutlook(timeoutMs = 1500): Promise<boolean> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return false;
  const info = await Promise.race([office.onReady(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs))]);
  return info?.host === office.HostType.Outlook && Boolean(office.context?.mailbox?.item);
}
