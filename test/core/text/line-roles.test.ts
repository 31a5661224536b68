import { keepContentLines } from '../../../src/core/text/line-roles.js';
import { readInviteText } from '../../../src/core/text/invite-text.js';

describe('keepContentLines', () => {
  it('drops room changes, "please accept" and reminders but keeps the agenda', () => {
    const { content, counts } = keepContentLines(
      'The meeting has been moved to room EB 3127.\nPlease accept so I can order lunch.\n\n- Budget assumptions for 2002\n- Who owns the vendor contract',
    );
    expect(content).toBe('- Budget assumptions for 2002\n- Who owns the vendor contract');
    expect(counts.logistics).toBe(2);
  });

  it('drops metadata fields and ritual agenda lines, whatever their words', () => {
    const { content, counts } = keepContentLines(
      'Date: 12 May 2021\nLocation: Zoom\nMinutes scribe: Alex\nNotes: https://hackmd.io/abc-discuss\n\n1. Welcome and introductions\n2. Approval of the minutes\n3. Stabilisation of the new API\n4. AOB',
    );
    expect(content).toBe('3. Stabilisation of the new API');
    expect(counts.metadata + counts.header).toBe(4);
    expect(counts.ceremony).toBe(3);
  });

  it.each(['Welcome lunch for new hires', 'End of year budget review', 'Introductions to the new CRM system', 'Closing the Leeds depot: timeline'])(
    'keeps "%s": it only starts like a ritual line',
    (line) => {
      expect(keepContentLines(`- ${line}`).content).toBe(`- ${line}`);
    },
  );

  it('never reads a cue word inside a link', () => {
    const { content, counts } = keepContentLines('- [Slides](https://example.com/decide-and-discuss)\n- Release status (https://github.com/org/repo/discussions/42)');
    expect(content).not.toMatch(/decide|discuss/);
    expect(content).toContain('Release status');
    expect(counts.links).toBe(2);
  });

  it('drops forwarded headers, greetings and signatures, and repeated copies of a paragraph', () => {
    const body = [
      'Hi all,',
      '',
      'This is a weekly ERCOT status meeting to review development efforts and discuss gaps.',
      '',
      'Thank you.',
      'Debra',
      'x31657',
      '',
      '--------- Inline attachment follows ---------',
      'From: Bailey, Debra',
      'To: Poston, David',
      '',
      'This is a weekly ERCOT status meeting to review development efforts and discuss gaps.',
    ].join('\n');
    const { content, counts } = keepContentLines(body);
    expect(content).toBe('This is a weekly ERCOT status meeting to review development efforts and discuss gaps.');
    expect(counts.repeats).toBe(1);
    expect(counts.header).toBe(3);
    expect(counts.signature).toBeGreaterThanOrEqual(3);
  });

  it('reads a long line sentence by sentence: logistics goes, the rest stays', () => {
    const { content } = keepContentLines(
      'Olu will present the training deck for the new LIMS sample check-in workflow and the barcode scanning at receiving. Please accept so we can plan seats. The deck will be shared afterwards.',
    );
    expect(content).toContain('Olu will present the training deck');
    expect(content).toContain('The deck will be shared afterwards.');
    expect(content).not.toContain('Please accept');
  });

  it('keeps a bulleted agenda item that looks like a name', () => {
    expect(keepContentLines('Agenda follows.\n- Budget Review').content).toContain('Budget Review');
  });
});

describe('readInviteText', () => {
  it('keeps everything for the sensitivity detector while judging only the content', () => {
    const text = readInviteText({ subject: 'Boat trip', body: 'The boat trip has been postponed due to a national tragedy.\n\nFood and drinks on board.' });
    expect(text.body).not.toContain('tragedy');
    expect(text.fullBody).toContain('tragedy');
  });

  it('keeps the lines of a markdown body that holds an inline tag', () => {
    const text = readInviteText({ subject: 'Community meeting', body: '* **Moderator**: Jo\n* Demo of the new scheduler\n* <span style="x">Release updates</span>' });
    expect(text.body.split('\n')).toEqual(['* Demo of the new scheduler', '* Release updates']);
  });

  it.each([
    ['Location: Room 4'],
    ['Location：Room 4'],
    ['Location = Room 4'],
    ['Location | Room 4'],
    ['Location – Room 4'],
    ['Location — Room 4'],
    ['Location - Room 4'],
  ])('reads "%s" as a metadata field, whatever its separator', (line) => {
    const { content, counts } = keepContentLines(`${line}\n- Budget for 2025`);
    expect(content).toBe('- Budget for 2025');
    expect(counts.metadata).toBe(1);
  });

  it('keeps a line that names a field without a separator', () => {
    expect(keepContentLines('Location of the new depot').content).toBe('Location of the new depot');
    expect(keepContentLines('Location-based pricing').content).toBe('Location-based pricing');
  });

  it.each([
    ['**Quarterly numbers**', 'Quarterly numbers'],
    ['__Quarterly numbers__', 'Quarterly numbers'],
    ['## Quarterly numbers', 'Quarterly numbers'],
    ['Quarterly [ 0:05 ] numbers', 'Quarterly numbers'],
  ])('takes the markdown marks off "%s"', (line, kept) => {
    expect(keepContentLines(line).content).toBe(kept);
  });
});

