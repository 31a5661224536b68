/// <reference types="office-js" />
import type { Invite } from '../../core/invite.js';
import { officeAsync, readDraftInvite } from '../office/read-draft.js';

/**
 * The pane's view of Outlook: read the draft (through the one Office adapter, read-draft.ts), watch it
 * change, apply a trim, close it. Built only when the pane runs inside Outlook (index.tsx).
 */
export interface DraftHost {
  kind: 'outlook';
  read(): Promise<{ invite: Invite; unreadFields: string[] }>;
  /** Calls `listener` when attendees, time or recurrence change in the draft. */
  onChange(listener: () => void): void;
  /** New end time (start + keepMinutes), then `preReadHtml` prepended to the body. */
  trim(keepMinutes: number, preReadHtml: string): Promise<void>;
  close(): void;
  theme(): 'dark' | 'light' | undefined;
}

/** Which draft changes the pane follows (names in Office.EventType). */
export const followedEvents = ['AppointmentTimeChanged', 'RecipientsChanged', 'RecurrenceChanged'] as const;

function isDark(color: string | undefined): boolean | undefined {
  const hex = color?.replace('#', '');
  if (!hex || hex.length < 6) return undefined;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

export function outlookHost(office: typeof Office = Office): DraftHost {
  const mailbox = office.context.mailbox;
  const item = mailbox.item as unknown as Office.AppointmentCompose;
  return {
    kind: 'outlook',
    read: () => readDraftInvite(item, { organizerEmail: mailbox.userProfile?.emailAddress }),
    onChange(listener) {
      for (const name of followedEvents) item.addHandlerAsync(office.EventType[name], () => listener());
    },
    async trim(keepMinutes, preReadHtml) {
      const start = await officeAsync<Date>('start', (cb) => item.start.getAsync(cb));
      await officeAsync<void>('end', (cb) => item.end.setAsync(new Date(start.getTime() + keepMinutes * 60000), cb));
      await officeAsync<void>('body', (cb) => item.body.prependAsync(preReadHtml, { coercionType: 'html' as Office.CoercionType }, cb));
    },
    close: () => item.close(),
    theme() {
      const dark = isDark(office.context.officeTheme?.bodyBackgroundColor);
      return dark === undefined ? undefined : dark ? 'dark' : 'light';
    },
  };
}
