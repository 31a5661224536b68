import { extractAgenda, sentencesOfLines } from '../../../src/core/agenda/extract-agenda.js';
import { splitSentences } from '../../../src/core/text/hostile-text.js';

describe('extractAgenda', () => {
  it('reads a bulleted list as the agenda and keeps the intro as prose', () => {
    const agenda = extractAgenda('Hi all,\n• Status of batch 7 – info\n• Decide: palette A or B\n• AOB');
    expect(agenda.structured).toBe(true);
    expect(agenda.items.map((item) => item.text)).toEqual(['Status of batch 7 – info', 'Decide: palette A or B', 'AOB']);
    expect(agenda.prose).toEqual(['Hi all,']);
  });

  it('splits a numbered agenda written on one line', () => {
    const agenda = extractAgenda('Pauta: 1. Status dos embarques – informativo 2. Resultados das auditorias 3. Decisão: aprovar o fornecedor');
    expect(agenda.items.map((item) => item.text)).toEqual([
      'Status dos embarques – informativo',
      'Resultados das auditorias',
      'Decisão: aprovar o fornecedor',
    ]);
  });

  it('reads time-boxed lines and works out their minutes', () => {
    const agenda = extractAgenda('09:30–09:45 Welcome and coffee\n09:45-10:30 Roadmap discussion\n10:30 Wrap-up');
    expect(agenda.items).toEqual([
      { text: 'Welcome and coffee', minutes: 15 },
      { text: 'Roadmap discussion', minutes: 45 },
      { text: 'Wrap-up' },
    ]);
  });

  it('recognises owners written after a dash, in parentheses or labelled', () => {
    const agenda = extractAgenda('- Utilisation by specialty – KAT\n- Recruiting calendar (Marcus, 5 min)\n- Risk review [owner: Dana Lee]\n- Catalogue dates – info');
    expect(agenda.items.map((item) => item.owner)).toEqual(['KAT', 'Marcus', 'Dana Lee', undefined]);
    expect(agenda.items[1]?.minutes).toBe(5);
  });

  it('joins a wrapped continuation line to its item', () => {
    const agenda = extractAgenda('1. Serious incident review: findings\n   and agreement of the action plan\n2. AOB');
    expect(agenda.items[0]?.text).toBe('Serious incident review: findings and agreement of the action plan');
  });

  it('reads prose clause by clause when there is no list', () => {
    const agenda = extractAgenda("First we'll go through the scrap figures, and then we need to agree on a third shift. Bring your notes.");
    expect(agenda.structured).toBe(false);
    expect(agenda.items.map((item) => item.text)).toEqual(["First we'll go through the scrap figures", 'we need to agree on a third shift.', 'Bring your notes.']);
  });

  it('returns nothing for an empty body', () => {
    expect(extractAgenda('')).toEqual({ structured: false, items: [], prose: [] });
  });
});

describe('owners in brackets', () => {
  it('reads a Japanese owner in full-width brackets and skips acronyms', () => {
    const agenda = extractAgenda('・試作機の評価結果報告（鈴木）\n・Patient-initiated follow-up (PIFU) roll-out\n・Recruiting calendar (Marcus, 5 min)');
    expect(agenda.items.map((item) => item.owner)).toEqual(['鈴木', undefined, 'Marcus']);
  });

  describe('prose without a list is read clause by clause', () => {
    const clauses = (body: string) => extractAgenda(body).items.map((item) => item.text);

    it.each([
      ['We review the budget; then we agree the plan.', ['We review the budget', 'then we agree the plan.']],
      ["We'll go through the figures, and then we need to agree the vendor.", ["We'll go through the figures", 'we need to agree the vendor.']],
      ['Figures first, THEN the hiring plan.', ['Figures first', 'the hiring plan.']],
      ['Quick recap. Then the main thing: the launch date.', ['Quick recap.', 'Then the main thing: the launch date.']],
      ['Numbers first then the main item: pricing', ['Numbers first', 'pricing']],
    ])('splits %j on its clause breaks', (body, expected) => {
      expect(clauses(body)).toEqual(expected);
    });

    it.each([
      ['A walkthrough of the new dashboard for the whole team.', 'A walkthrough of the new dashboard for the whole team.'],
      ['Authentication changes and their rollout', 'Authentication changes and their rollout'],
      ['  Padded sentence with spaces around it  ', 'Padded sentence with spaces around it'],
      ['Strengthen the onboarding;', 'Strengthen the onboarding;'],
    ])('keeps %j whole when it has no clause break', (body, clause) => {
      expect(clauses(body)).toEqual([clause]);
    });
  });
});


describe('extractAgenda shortcuts read the same agenda', () => {
  it.each([
    [['Hi all,', 'Please read the paper. Then we decide!', 'Room 4'], ['Hi all,', 'Please read the paper.', 'Then we decide!', 'Room 4']],
    [['Wrap-up.', '会議です。 次に決めます', 'A? B'], ['Wrap-up.', '会議です。', '次に決めます', 'A?', 'B']],
    [['No sentence end here', 'v1.2 ships', 'e.g.\u00a0this'], ['No sentence end here', 'v1.2 ships', 'e.g.', 'this']],
  ])('reads the lines %j sentence by sentence as splitSentences does on them joined', (lines, sentences) => {
    expect(sentencesOfLines(lines)).toEqual(sentences);
    expect(sentencesOfLines(lines)).toEqual(splitSentences(lines.join('\n')));
  });

  it('finds a labelled owner the keyword test would only see case-folded ("preſenter")', () => {
    expect(extractAgenda('- Risk review (preſenter: Dana Lee)\n- Budget').items[0]?.owner).toBe('Dana Lee');
    expect(extractAgenda('- Risk review - OWNER: Dana Lee\n- Budget').items[0]?.owner).toBe('Dana Lee');
  });

  it('splits a dashed list on one line only after a colon', () => {
    expect(extractAgenda('Topics: - Budget - Hiring - Roadmap').items.map((item) => item.text)).toEqual(['Budget', 'Hiring', 'Roadmap']);
    expect(extractAgenda('Budget - Hiring - Roadmap - Plans').structured).toBe(false);
  });

  it('splits running numbers counted 1, 2, 3 and leaves other numbers alone', () => {
    expect(extractAgenda('Agenda: 01. Budget 2) Hiring 3. Roadmap').items.map((item) => item.text)).toEqual(['Budget', 'Hiring', 'Roadmap']);
    expect(extractAgenda('Items 1. Budget 3. Hiring 2. Roadmap').structured).toBe(false);
  });
});
