import { resolve } from 'node:path';
import { detectSensitivity } from '../../../src/core/sensitivity/detect-sensitivity.js';
import { readJsonLines } from '../../support/shared-data.js';

interface Case {
  id: string;
  language: string;
  subject: string;
  body: string;
  sensitive: boolean;
  category: string;
}

/** 240 cases written blind to the detector: 130 sensitive (bland wording, euphemisms, eight languages), 110 false friends. */
const cases = readJsonLines<Case>(resolve(process.cwd(), 'test', 'fixtures', 'sensitivity', 'sensitivity-cases.jsonl'));
const flagged = (c: Case) => detectSensitivity(c.subject, c.body).length > 0;

describe('the sensitivity detector on its labelled cases', () => {
  it('finds at least 97 % of the sensitive meetings', () => {
    const positives = cases.filter((c) => c.sensitive);
    const missed = positives.filter((c) => !flagged(c)).map((c) => c.id);
    expect(positives.length).toBeGreaterThan(100);
    expect(missed.length / positives.length).toBeLessThanOrEqual(0.03);
  });

  it('flags at most 5 % of the false friends', () => {
    const negatives = cases.filter((c) => !c.sensitive);
    const wrong = negatives.filter(flagged).map((c) => c.id);
    expect(wrong.length / negatives.length).toBeLessThanOrEqual(0.05);
  });

  it.each(['es', 'de', 'fr', 'pt', 'nl', 'it', 'ja'])('finds every sensitive meeting written in %s', (language) => {
    const missed = cases.filter((c) => c.language === language && c.sensitive && !flagged(c)).map((c) => c.id);
    expect(missed).toEqual([]);
  });
});

describe('false friends', () => {
  it.each([
    ['Deal restructuring with the bank', 'Term sheet review with the lenders.'],
    ['Annual review of per-diem rates', 'Finance proposes the new rates for 2026.'],
    ['Post-mortem template review', 'Agree the sections of the new template.'],
    ['Calibration of the flow sensors', 'Line 3 maintenance window.'],
    ['Fire drill planning for Q4', 'Pick a date for the evacuation drill.'],
    ['Candidate release 2.3', 'Go/no-go for the release candidate.'],
  ])('"%s" is not sensitive', (subject, body) => {
    expect(detectSensitivity(subject, body)).toEqual([]);
  });

  it.each([
    ['Year-end conversation', 'I will walk you through your salary adjustment and bonus outcome.', 'performance'],
    ['Onsite loop wrap-up', 'Consolidate feedback from the onsite interviews and decide on the offer.', 'hiring'],
    ['Team update', 'Changes affecting the team. Attendance required; HR will be present.', 'layoffs'],
    ['Boat trip', 'The boat trip has been postponed due to a national tragedy.', 'condolence'],
    ['Ben – unable to reach', 'Ben has not been in contact since Monday.', 'incident'],
    ['Clearing the air', 'Time for the three of us to talk about what happened in the planning session.', 'conflict'],
  ])('"%s" is sensitive (%s)', (subject, body, category) => {
    expect(detectSensitivity(subject, body).map((match) => match.category)).toContain(category);
  });
});
