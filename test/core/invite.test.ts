import { parseInvite, InvalidInviteError } from '../../src/core/invite.js';

const minimal = { subject: 'Weekly status', start: '2025-06-02T10:00:00+01:00', durationMinutes: 30 };

describe('parseInvite', () => {
  it('accepts a minimal invite and fills in an empty body and attendee list', () => {
    const invite = parseInvite(minimal);
    expect(invite.body).toBe('');
    expect(invite.attendees).toEqual([]);
  });

  it('defaults an attendee without a type to required', () => {
    const invite = parseInvite({ ...minimal, attendees: [{ email: 'a@example.com' }] });
    expect(invite.attendees[0]?.type).toBe('required');
  });

  it('names the field when a start time has no offset', () => {
    expect(() => parseInvite({ ...minimal, start: '2025-06-02T10:00:00' })).toThrow(/field "start"/);
  });

  it('names the missing field', () => {
    try {
      parseInvite({ start: minimal.start, durationMinutes: 30 });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInviteError);
      expect((error as InvalidInviteError).field).toBe('subject');
      expect((error as InvalidInviteError).message).toBe('field "subject": is required');
    }
  });

  it('names a nested field by its path', () => {
    expect(() => parseInvite({ ...minimal, attendees: [{ email: 'a@example.com', type: 'boss' }] })).toThrow(/attendees\.0\.type/);
  });

  it('accepts an RRULE recurrence and rejects free text', () => {
    expect(parseInvite({ ...minimal, recurrence: 'FREQ=WEEKLY;INTERVAL=2' }).recurrence).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(() => parseInvite({ ...minimal, recurrence: 'every so often' })).toThrow(/recurrence/);
  });

  it('says what is wrong with a field of the wrong type rather than calling it missing', () => {
    expect(() => parseInvite({ ...minimal, subject: 5 })).toThrow('field "subject": Invalid input: expected string, received number');
  });

  it('refuses a date that does not exist', () => {
    expect(() => parseInvite({ ...minimal, start: '2025-02-30T10:00:00Z' })).toThrow(/field "start": not a real date-time/);
  });
});
