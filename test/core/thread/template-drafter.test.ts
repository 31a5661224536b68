import { resolve } from 'node:path';
import { classifyInvite } from '../../../src/core/classifier/embedded-classifier.js';
import { parseInvite, type Invite, type InviteInput } from '../../../src/core/invite.js';
import { draftThreadFromTemplate } from '../../../src/core/thread/template-drafter.js';
import { asyncThreadSchema, type AsyncThread, type Verdict } from '../../../src/core/verdict.js';
import { haveShared, readJsonLines, realInvites, sharedDirectory } from '../../support/shared-data.js';

/** Monday 9 June 2025, early morning in Europe: the meeting below is on Thursday 12 June. */
const monday = new Date('2025-06-09T07:00:00Z');

const colleagues = ['ana@example.com', 'ben@example.com', 'chloe@example.com', 'dev@example.com', 'eli@example.com'];

function invite(input: Partial<InviteInput> & { subject: string }): Invite {
  return parseInvite({
    body: '',
    organizer: { name: 'Olivia Organiser', email: 'olivia@example.com' },
    attendees: colleagues.map((email) => ({ email, type: 'required' })),
    start: '2025-06-12T10:00:00+02:00',
    durationMinutes: 30,
    recurrence: 'weekly',
    ...input,
  });
}

/** Drafts a thread (from the embedded verdict unless one is given) and checks it against the contract. */
function draft(inv: Invite, verdict: Verdict = classifyInvite(inv), today: Date = monday): AsyncThread {
  const thread = draftThreadFromTemplate(inv, verdict, { today });
  expect(asyncThreadSchema.parse(thread)).toEqual(thread);
  return thread;
}

const weeklyStatus = invite({
  subject: 'Weekly status – platform team',
  body: [
    'Agenda:',
    '- Sprint progress – KAT',
    '- Incident stats for the week (Marcus, 5 min)',
    '- Hiring update – info',
    '- Release calendar (FYI)',
    '- AOB',
    '',
    'Microsoft Teams meeting',
    'Join on your computer, mobile app or room device',
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc',
    'Meeting ID: 123 456 789',
  ].join('\n'),
});

const leadershipWeekly = invite({
  subject: 'Product leadership weekly',
  body: [
    'Agenda:',
    '1. Metrics update (Marcus, 5 min)',
    '2. Roadmap status update – KAT',
    '3. Decide on Q3 pricing change (20 min)',
    '4. Discuss hiring plan for the platform team',
  ].join('\n'),
});

describe('the template thread drafter on an async weekly status', () => {
  const verdict = classifyInvite(weeklyStatus);
  const thread = draft(weeklyStatus, verdict);

  it('is judged async by the embedded classifier (the premise of these tests)', () => {
    expect(verdict.verdict).toBe('async');
  });

  it('turns every agenda entry into a post with a clean heading, leaving out the AOB filler', () => {
    expect(thread.items.map((item) => item.heading)).toEqual([
      'Sprint progress',
      'Incident stats for the week',
      'Hiring update',
      'Release calendar',
    ]);
  });

  it('gives every post an explicit ask with the reply-by weekday', () => {
    for (const item of thread.items) {
      expect(item.ask).toBe('Read, and reply with questions or blockers by Thursday 12 June.');
    }
  });

  it('gives each update the full item text and asks for the figures in the thread', () => {
    expect(thread.items[2]!.body).toBe('Hiring update – info. Whoever owns this, please post the update and any figures in this thread.');
  });

  it('asks for replies by the meeting day', () => {
    expect(thread.replyBy).toBe('2025-06-12');
  });

  it('is titled as an async update and says the meeting is replaced, how to reply and the time it gives back', () => {
    expect(thread.title).toBe('Async update: Weekly status – platform team');
    expect(thread.intro).toContain('skipping the “Weekly status – platform team” meeting');
    expect(thread.intro).toContain('reply under it by Thursday 12 June');
    expect(thread.intro).toContain(`about ${verdict.cost.personHours} person-hours`);
  });

  it('is marked as drafted from the template', () => {
    expect(thread.source).toBe('template');
  });

  it('never carries the join link or the dial-in text', () => {
    expect(JSON.stringify(thread)).not.toMatch(/https?:|teams\.microsoft|Meeting ID|Join on your computer/i);
  });
});

describe('the recipients of a thread', () => {
  it('are the attendees once each, in their order, without the organiser (who posts) or the rooms', () => {
    const inv = invite({
      subject: 'Weekly status – platform team',
      body: weeklyStatus.body,
      attendees: [
        { email: 'ana@example.com', type: 'required' },
        { email: 'Olivia@Example.com', type: 'required' },
        { email: 'room-4.12@example.com', type: 'resource' },
        { email: 'ben@example.com', type: 'optional' },
        { email: 'ANA@example.com', type: 'required' },
        { email: 'chloe@example.com', type: 'required' },
        { email: 'dev@example.com', type: 'required' },
      ],
    });
    expect(draft(inv).recipients).toEqual(['ana@example.com', 'ben@example.com', 'chloe@example.com', 'dev@example.com']);
  });
});

describe('the template thread drafter on a trimmed meeting', () => {
  const verdict = classifyInvite(leadershipWeekly);
  const thread = draft(leadershipWeekly, verdict);

  it('is judged trim by the embedded classifier (the premise of these tests)', () => {
    expect(verdict.verdict).toBe('trim');
    expect(verdict.suggestion).toBeDefined();
  });

  it('carries only the items that move out of the meeting', () => {
    expect(thread.items.map((item) => item.heading)).toEqual(['Metrics update', 'Roadmap status update']);
    expect(JSON.stringify(thread.items)).not.toMatch(/pricing|hiring plan/i);
  });

  it('is a pre-read whose intro gives the minutes the meeting keeps and the time it gives back', () => {
    expect(thread.title).toBe('Pre-read: Product leadership weekly');
    expect(thread.intro).toContain(`shortened to ${verdict.suggestion!.keepMinutes} minutes`);
    expect(thread.intro).toMatch(/gives back about [\d.]+ person-hours/);
  });

  it('falls back to the update items when the verdict lists none to move', () => {
    const withoutList: Verdict = { ...verdict, suggestion: { keepMinutes: 15, asyncItems: [] } };
    expect(draft(leadershipWeekly, withoutList).items.map((item) => item.heading)).toEqual(['Metrics update', 'Roadmap status update']);
  });
});

describe('owners', () => {
  const thread = draft(weeklyStatus);

  it('picks up an owner written after a dash ("– KAT")', () => {
    expect(thread.items[0]).toMatchObject({ heading: 'Sprint progress', owner: 'KAT' });
    expect(thread.items[0]!.body).toContain('KAT, please post your update');
  });

  it('picks up an owner written in parentheses with a time box ("(Marcus, 5 min)")', () => {
    expect(thread.items[1]).toMatchObject({ heading: 'Incident stats for the week', owner: 'Marcus' });
  });

  it('leaves the owner out when the invite names none, and does not take "info" or "FYI" for a name', () => {
    expect(thread.items[2]).not.toHaveProperty('owner');
    expect(thread.items[3]).not.toHaveProperty('owner');
  });

  it('finds the owners of the items a trim moves', () => {
    expect(draft(leadershipWeekly).items.map((item) => item.owner)).toEqual(['Marcus', 'KAT']);
  });
});

describe('the reply-by day', () => {
  /** A weekly status on a given day, judged async. */
  function statusOn(start: string): Invite {
    return invite({ subject: 'Weekly status – platform team', body: weeklyStatus.body, start });
  }

  it('is the meeting day when the meeting is tomorrow', () => {
    const thread = draft(statusOn('2025-06-12T10:00:00+02:00'), undefined, new Date('2025-06-11T09:00:00Z'));
    expect(thread.replyBy).toBe('2025-06-12');
  });

  it('is the meeting day when a Monday meeting is drafted on the Friday before', () => {
    const thread = draft(statusOn('2025-06-16T10:00:00+02:00'), undefined, new Date('2025-06-13T09:00:00Z'));
    expect(thread.replyBy).toBe('2025-06-16');
  });

  it('is two working days from today when the meeting is already past', () => {
    const thread = draft(statusOn('2025-06-05T10:00:00+02:00'), undefined, new Date('2025-06-10T09:00:00Z'));
    expect(thread.replyBy).toBe('2025-06-12');
  });

  it('is two working days from today when the meeting is later today', () => {
    const thread = draft(statusOn('2025-06-10T15:00:00+02:00'), undefined, new Date('2025-06-10T07:00:00Z'));
    expect(thread.replyBy).toBe('2025-06-12');
  });

  it('skips the weekend when counting the two working days', () => {
    const past = statusOn('2025-06-05T10:00:00+02:00');
    expect(draft(past, undefined, new Date('2025-06-12T09:00:00Z')).replyBy).toBe('2025-06-16'); // Thursday → Monday
    expect(draft(past, undefined, new Date('2025-06-13T09:00:00Z')).replyBy).toBe('2025-06-17'); // Friday → Tuesday
    expect(draft(past, undefined, new Date('2025-06-14T09:00:00Z')).replyBy).toBe('2025-06-17'); // Saturday → Tuesday
  });

  it('counts the days where the meeting takes place', () => {
    // 23:30 UTC on Thursday is already Friday morning in Tokyo, the day of the meeting.
    const tokyo = statusOn('2025-06-13T10:00:00+09:00');
    expect(draft(tokyo, undefined, new Date('2025-06-12T23:30:00Z')).replyBy).toBe('2025-06-17');
  });

  it('is written out with its weekday in every ask', () => {
    const thread = draft(statusOn('2025-06-05T10:00:00+02:00'), undefined, new Date('2025-06-12T09:00:00Z'));
    for (const item of thread.items) expect(item.ask).toContain('Monday 16 June');
  });
});

describe('the language of the thread', () => {
  it.each([
    {
      language: 'Spanish',
      subject: 'Actualización semanal del proyecto',
      body: 'Hola equipo:\n\nComo cada lunes, cada coordinador comparte el avance de su proyecto y las cifras de la semana. Por favor actualicen la hoja de seguimiento antes de la reunión.\n\nSaludos,\nElena',
      title: 'Actualización por escrito',
      ask: 'a más tardar',
      weekday: 'jueves',
    },
    {
      language: 'German',
      subject: 'Wöchentlicher Statusbericht Projekt Linie 4',
      body: 'Hallo zusammen,\n\nwie jede Woche stellt jedes Teilprojekt kurz den aktuellen Stand vor: Fortschritt, Kennzahlen und offene Punkte. Bitte die Folien vorher im Ordner ablegen.\n\nViele Grüße\nJonas',
      title: 'Schriftliches Update',
      ask: 'spätestens',
      weekday: 'Donnerstag',
    },
    {
      language: 'French',
      subject: 'Point hebdo : avancement des essais',
      body: "Bonjour à tous,\n\nChaque responsable présente l'avancement de ses essais et les chiffres de la semaine. Merci de mettre à jour le tableau de suivi avant la réunion.\n\nBonne journée,\nClaire",
      title: 'Point écrit',
      ask: "d'ici le",
      weekday: 'jeudi',
    },
    {
      language: 'Portuguese',
      subject: 'Resumo mensal de indicadores – Operações',
      body: 'Olá pessoal,\n\nComo todo mês, cada gerente apresenta os indicadores da sua área e o status dos projetos. Por favor atualizem a planilha antes da reunião.\n\nAbraços,\nRafael',
      title: 'Atualização por escrito',
      ask: 'até',
      weekday: 'quinta-feira',
    },
    {
      language: 'Japanese',
      subject: '週次進捗報告会（第2製造課）',
      body: '各位\n\n毎週の進捗報告です。各担当者から今週の進捗と数値を報告してください。資料は事前に共有フォルダに置いてください。\n\nよろしくお願いします。',
      title: '書面',
      ask: 'までに',
      weekday: '木曜日',
    },
  ])('writes a $language invite back in $language', ({ subject, body, title, ask, weekday }) => {
    const inv = invite({ subject, body });
    const verdict = classifyInvite(inv);
    expect(verdict.verdict).toBe('async');
    const thread = draft(inv, verdict);
    expect(thread.title).toContain(title);
    expect(thread.title).toContain(subject);
    expect(thread.intro).toContain(weekday);
    expect(thread.items.length).toBeGreaterThan(0);
    for (const item of thread.items) {
      expect(item.ask).toContain(ask);
      expect(item.ask).toContain(weekday);
    }
  });

  it('follows the language the invite declares', () => {
    const inv = invite({ subject: weeklyStatus.subject, body: weeklyStatus.body, language: 'es-MX' });
    const thread = draft(inv);
    expect(thread.title).toContain('Actualización por escrito');
    expect(thread.items[0]!.ask).toContain('jueves');
  });
});

describe('an invite without an agenda', () => {
  it('drafts nothing for a kept meeting with no agenda: there is nothing to move', () => {
    const inv = invite({ subject: 'Sync', body: '' });
    const verdict = classifyInvite(inv);
    expect(verdict).toMatchObject({ verdict: 'keep', agenda: [] });
    expect(draft(inv, verdict).items).toEqual([]);
  });

  it('still yields one item, named after the subject, when an async verdict has no agenda', () => {
    const inv = invite({ subject: 'Sync', body: '' });
    const thread = draft(inv, { ...classifyInvite(inv), verdict: 'async' });
    expect(thread.items).toHaveLength(1);
    expect(thread.items[0]!.heading).toBe('Sync');
    expect(thread.items[0]!.body).toContain('no written agenda');
    expect(thread.items[0]!.ask).toContain('Thursday 12 June');
  });

  it('quotes the start of the description, as plain text, when a judge found no agenda in it', () => {
    const description = `<p>Quarterly walkthrough of the <b>instrument usage</b> report.</p><p>${'Hours booked against hours used, per instrument and per group. '.repeat(10)}</p>`;
    const inv = invite({ subject: 'Core facility utilisation', body: description });
    // A judge (an LLM, say) that returns no agenda items at all.
    const verdict: Verdict = { ...classifyInvite(inv), verdict: 'async', agenda: [] };
    const [item] = draft(inv, verdict).items;
    expect(item!.heading).toBe('Core facility utilisation');
    expect(item!.body).toMatch(/^Quarterly walkthrough of the instrument usage report\. Hours booked/);
    expect(item!.body).not.toMatch(/[<>\n]/);
    expect(item!.body.length).toBeLessThanOrEqual(300);
    expect(item!.body.endsWith('…')).toBe(true);
  });
});

describe('a meeting that is kept', () => {
  it('gets a pre-read of its update items only, with no time given back', () => {
    const inv = invite({
      subject: 'Team sync',
      body: 'Agenda:\n- Budget status update\n- Decide on the offsite venue\n- Performance concerns in team B (confidential)',
    });
    const verdict = classifyInvite(inv);
    expect(verdict.verdict).toBe('keep');
    const thread = draft(inv, verdict);
    expect(thread.title).toBe('Pre-read: Team sync');
    expect(thread.intro).toContain('goes ahead as planned');
    expect(thread.intro).not.toContain('person-hours');
    expect(thread.items.map((item) => item.heading)).toEqual(['Budget status update']);
  });
});

describe('asks by kind of item', () => {
  // The embedded judge never moves decisions to a thread; another judge's verdict may.
  const inv = invite({
    subject: 'Launch prep',
    body: '- Launch checklist status\n- Choose the launch date: 3 or 10 July\n- Ideas for the launch post\n- Press kit',
  });
  const verdict: Verdict = {
    ...classifyInvite(inv),
    verdict: 'async',
    agenda: [
      { text: 'Launch checklist status', kind: 'info' },
      { text: 'Choose the launch date: 3 or 10 July', kind: 'decision' },
      { text: 'Ideas for the launch post', kind: 'discussion' },
      { text: 'Press kit', kind: 'other' },
    ],
  };
  const asks = draft(inv, verdict).items.map((item) => item.ask);

  it('asks for questions or blockers on an update', () => {
    expect(asks[0]).toBe('Read, and reply with questions or blockers by Thursday 12 June.');
  });

  it('asks for a choice on a decision, and says that silence is agreement', () => {
    expect(asks[1]).toBe('Reply with your choice (or an objection) by Thursday 12 June; no reply counts as agreement.');
  });

  it('asks for a view on a discussion', () => {
    expect(asks[2]).toBe('Add your view by Thursday 12 June.');
  });

  it('asks for a reply only if needed on anything else', () => {
    expect(asks[3]).toBe('Reply by Thursday 12 June if this needs anything from you.');
  });

  it('never writes a sensitive item into the thread', () => {
    const withSensitive: Verdict = { ...verdict, agenda: [...verdict.agenda, { text: 'Redundancy consultation for two roles', kind: 'sensitive' }] };
    expect(JSON.stringify(draft(inv, withSensitive))).not.toContain('Redundancy');
  });
});

describe('every invite we have', () => {
  const labelled = [
    ...(haveShared('invites/dev-invites.jsonl') ? readJsonLines(resolve(sharedDirectory, 'invites', 'dev-invites.jsonl')) : []),
    ...readJsonLines(resolve(process.cwd(), 'test', 'fixtures', 'labelled-invites.jsonl')),
    ...readJsonLines(resolve(process.cwd(), 'test', 'fixtures', 'blind-synthetic-invites.jsonl')),
  ];
  const invites = [...labelled, ...(haveShared('real-invites') ? realInvites() : [])].map((record) => parseInvite(record));

  it('gets a thread that passes the AsyncThread schema, as plain text without join links, with a heading and an ask on every post', () => {
    expect(invites.length).toBeGreaterThan(100);
    for (const inv of invites) {
      const verdict = classifyInvite(inv);
      const thread = draft(inv, verdict, new Date('2025-01-06T09:00:00Z'));
      const text = JSON.stringify(thread);
      expect(text).not.toMatch(/teams\.microsoft\.com|zoom\.us|meet\.google\.com|webex\.com|<\/?[a-z][^>]*>|undefined|\bNaN\b/i);
      if (verdict.verdict !== 'keep') expect(thread.items.length).toBeGreaterThan(0);
      for (const item of thread.items) {
        expect(item.heading.trim()).not.toBe('');
        expect(item.heading.length).toBeLessThanOrEqual(80);
        expect(item.ask).toBeTruthy();
      }
      expect(thread.recipients).not.toContain(inv.organizer?.email);
    }
  });
});
