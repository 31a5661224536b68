import { describe, expect, test } from '@jest/globals';
import { classifyInvite } from '../../src/core/classifier/embedded-classifier.js';
import { parseInvite } from '../../src/core/invite.js';
import { sampleFields, sampleInvite } from '../../src/outlook/taskpane/sample.js';

describe('task pane preview sample', () => {
  test('the default sample is a valid invite with the chosen number of attendees', () => {
    const invite = parseInvite(sampleInvite(sampleFields));
    expect(invite.attendees).toHaveLength(sampleFields.attendees);
    expect(invite.recurrence).toBe('weekly');
    expect(classifyInvite(invite).verdict).toMatch(/^(async|trim|keep)$/);
  });

  test('edits are clamped to valid values', () => {
    const invite = parseInvite(sampleInvite({ ...sampleFields, attendees: -3, durationMinutes: Number.NaN, recurrence: '' }));
    expect(invite.attendees).toHaveLength(0);
    expect(invite.durationMinutes).toBe(0);
    expect(invite.recurrence).toBeNull();
  });
});
