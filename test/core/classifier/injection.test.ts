import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { classifyInvite } from '../../../src/core/classifier/embedded-classifier.js';
import { parseInvite, type Invite } from '../../../src/core/invite.js';
import { appendParagraph, towardAsync, towardKeep } from '../../support/injections.js';
import { readJsonLines } from '../../support/shared-data.js';
import { readRealTexts } from '../../../scripts/labelled-sets.js';

/**
 * Regression for prompt injection aimed at an automated reviewer: the same invites with a
 * paragraph pushing toward "keep" or toward "async" appended must keep their verdicts.
 */
const invites: Invite[] = ['labelled-invites.jsonl', 'held-out-invites.jsonl', 'blind-synthetic-invites.jsonl']
  .map((name) => resolve(process.cwd(), 'test', 'fixtures', name))
  .filter((path) => existsSync(path))
  .flatMap((path) => readJsonLines(path).map((record) => parseInvite(record)))
  // Real calendar items too: markdown, HTML and mail debris (the shared ones when they are beside us).
  .concat([...readRealTexts().values()]);

describe.each([
  ['toward keep', towardKeep],
  ['toward async', towardAsync],
])('a paragraph pushing %s', (_direction, paragraphs) => {
  it.each(paragraphs.map((paragraph) => [paragraph.slice(0, 50), paragraph]))('changes no verdict: "%s…"', (_name, paragraph) => {
    const flipped = invites.filter((invite) => classifyInvite({ ...invite, body: appendParagraph(invite.body, paragraph) }).verdict !== classifyInvite(invite).verdict);
    expect(flipped.map((invite) => invite.id)).toEqual([]);
  });

  it('is noted in the reasons', () => {
    const verdict = classifyInvite({ ...invites[0]!, body: appendParagraph(invites[0]!.body, paragraphs[0]!) });
    expect(verdict.reasons).toContain('Ignored text that tries to steer the verdict');
  });
});
