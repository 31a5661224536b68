import type { InviteInput } from '../../core/invite.js';

/** What preview mode shows: an editable status meeting, so anyone can try the pane outside Office. */
export interface SampleFields {
  subject: string;
  body: string;
  attendees: number;
  durationMinutes: number;
  recurrence: '' | 'daily' | 'weekly' | 'biweekly' | 'monthly';
}

export const sampleFields: SampleFields = {
  subject: 'Weekly project status update',
  body: [
    'Hi all,',
    '',
    'Agenda:',
    '- Status update from each workstream',
    '- Review the release dashboard numbers',
    '- FYI: new on-call rota is published',
    '',
    'Please come prepared with your updates.',
  ].join('\n'),
  attendees: 8,
  durationMinutes: 60,
  recurrence: 'weekly',
};

function nextMonday(now = new Date()): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 7 - ((now.getUTCDay() + 6) % 7), 9, 0));
  return date.toISOString().replace('.000Z', 'Z');
}

export function sampleInvite(fields: SampleFields): InviteInput {
  return {
    id: 'preview',
    subject: fields.subject,
    body: fields.body,
    organizer: { name: 'You', email: 'you@contoso.example.com' },
    attendees: Array.from({ length: Math.max(0, Math.min(500, Math.floor(fields.attendees) || 0)) }, (_, i) => ({
      name: `Colleague ${i + 1}`,
      email: `colleague${i + 1}@contoso.example.com`,
      type: 'required' as const,
    })),
    start: nextMonday(),
    durationMinutes: Math.max(0, Math.floor(fields.durationMinutes) || 0),
    recurrence: fields.recurrence || null,
    isOnline: true,
    language: 'en',
    source: 'preview',
  };
}
