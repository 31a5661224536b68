import {
  InvalidWeekError,
  assertTimeZone,
  formatIsoWeek,
  isoWeekAt,
  isoWeekMonday,
  isoWeekOfDate,
  isoWeekRange,
  parseIsoWeek,
  previousIsoWeek,
  startOfLocalDay,
  weeksInIsoYear,
} from '../../src/report/iso-week.js';

const hours = (range: { start: Date; end: Date }) => (range.end.getTime() - range.start.getTime()) / 3_600_000;
const iso = (range: { start: Date; end: Date }) => [range.start.toISOString(), range.end.toISOString()];

describe('parsing ISO weeks', () => {
  it('reads YYYY-Www and writes it back the same', () => {
    expect(parseIsoWeek('2026-W49')).toEqual({ year: 2026, week: 49 });
    expect(parseIsoWeek(' 2027-W01 ')).toEqual({ year: 2027, week: 1 });
    expect(formatIsoWeek({ year: 2026, week: 5 })).toBe('2026-W05');
  });

  it('accepts week 53 only in years that have one', () => {
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(() => parseIsoWeek('2025-W53')).toThrow('2025 has weeks W01 to W52');
    expect(() => parseIsoWeek('2021-W53')).toThrow(InvalidWeekError);
  });

  it.each(['2026-W00', '2026-W54', '2026W49', '2026-w49', '26-W49', '2026-W4', '', 'next week'])('refuses %p with a one-line error', (text) => {
    expect(() => parseIsoWeek(text)).toThrow(InvalidWeekError);
    try {
      parseIsoWeek(text);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toMatch(/week/);
    }
  });

  it('knows which years have 53 weeks', () => {
    const long = [2004, 2009, 2015, 2020, 2026, 2032, 2037];
    for (let year = 2000; year <= 2040; year++) expect([year, weeksInIsoYear(year)]).toEqual([year, long.includes(year) ? 53 : 52]);
  });
});

describe('ISO weeks across year boundaries', () => {
  it('starts 2025-W01 on Monday 30 December 2024', () => {
    expect(isoWeekMonday({ year: 2025, week: 1 })).toEqual({ year: 2024, month: 12, day: 30 });
    expect(isoWeekOfDate({ year: 2024, month: 12, day: 31 })).toEqual({ year: 2025, week: 1 });
  });

  it('runs 2026-W53 from 28 December 2026 into 3 January 2027', () => {
    expect(isoWeekMonday({ year: 2026, week: 53 })).toEqual({ year: 2026, month: 12, day: 28 });
    expect(isoWeekOfDate({ year: 2027, month: 1, day: 3 })).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOfDate({ year: 2027, month: 1, day: 4 })).toEqual({ year: 2027, week: 1 });
    expect(iso(isoWeekRange('2026-W53', 'UTC'))).toEqual(['2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z']);
  });

  it('puts 1 January 2021 in 2020-W53 and 1 January 2010 in 2009-W53', () => {
    expect(isoWeekOfDate({ year: 2021, month: 1, day: 1 })).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOfDate({ year: 2010, month: 1, day: 1 })).toEqual({ year: 2009, week: 53 });
    expect(isoWeekOfDate({ year: 2008, month: 12, day: 29 })).toEqual({ year: 2009, week: 1 });
  });

  it('gives each day of every week from 2019 to 2031 back its own week', () => {
    for (let year = 2019; year <= 2031; year++) {
      for (let week = 1; week <= weeksInIsoYear(year); week++) {
        const monday = isoWeekMonday({ year, week });
        const sunday = new Date(Date.UTC(monday.year, monday.month - 1, monday.day + 6));
        expect(isoWeekOfDate(monday)).toEqual({ year, week });
        expect(isoWeekOfDate({ year: sunday.getUTCFullYear(), month: sunday.getUTCMonth() + 1, day: sunday.getUTCDate() })).toEqual({ year, week });
      }
    }
  });
});

describe('a week as a time range in a time zone', () => {
  it('is Monday 00:00 to Monday 00:00 in Tokyo, 168 hours', () => {
    const range = isoWeekRange('2026-W49', 'Asia/Tokyo');
    expect(iso(range)).toEqual(['2026-11-29T15:00:00.000Z', '2026-12-06T15:00:00.000Z']);
    expect(hours(range)).toBe(168);
  });

  it('is 167 hours in Berlin the week clocks go forward and 169 the week they go back', () => {
    const spring = isoWeekRange('2026-W13', 'Europe/Berlin');
    expect(iso(spring)).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(hours(spring)).toBe(167);
    const autumn = isoWeekRange('2026-W43', 'Europe/Berlin');
    expect(iso(autumn)).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect(hours(autumn)).toBe(169);
    expect(hours(isoWeekRange('2026-W14', 'Europe/Berlin'))).toBe(168);
  });

  it('follows Los Angeles through both DST weeks of 2026', () => {
    const spring = isoWeekRange('2026-W10', 'America/Los_Angeles');
    expect(iso(spring)).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-09T07:00:00.000Z']);
    expect(hours(spring)).toBe(167);
    const autumn = isoWeekRange('2026-W44', 'America/Los_Angeles');
    expect(iso(autumn)).toEqual(['2026-10-26T07:00:00.000Z', '2026-11-02T08:00:00.000Z']);
    expect(hours(autumn)).toBe(169);
  });

  it('makes consecutive weeks meet exactly, with no gap and no overlap', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Lord_Howe']) {
      for (let week = 1; week < 53; week++) {
        expect(isoWeekRange({ year: 2026, week }, zone).end).toEqual(isoWeekRange({ year: 2026, week: week + 1 }, zone).start);
      }
      expect(isoWeekRange('2026-W53', zone).end).toEqual(isoWeekRange('2027-W01', zone).start);
    }
  });

  it('starts a day whose midnight a DST change skipped when the clocks jump (São Paulo, 4 Nov 2018)', () => {
    expect(startOfLocalDay({ year: 2018, month: 11, day: 4 }, 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(startOfLocalDay({ year: 2018, month: 11, day: 5 }, 'America/Sao_Paulo').toISOString()).toBe('2018-11-05T02:00:00.000Z');
  });

  it('refuses an unknown time zone with a one-line error', () => {
    expect(() => isoWeekRange('2026-W49', 'Mars/Olympus_Mons')).toThrow('time zone "Mars/Olympus_Mons": expected an IANA zone such as Europe/Berlin');
    expect(() => assertTimeZone('Europe/Berlin')).not.toThrow();
  });
});

describe('the week a Monday-morning report covers', () => {
  it('is the previous week as the wall clock in the zone reads it', () => {
    // Monday 7 Dec 2026 08:00 in Tokyo is still Sunday 6 Dec in UTC and in Los Angeles.
    const tokyoMondayMorning = new Date('2026-12-06T23:00:00Z');
    expect(isoWeekAt(tokyoMondayMorning, 'Asia/Tokyo')).toEqual({ year: 2026, week: 50 });
    expect(previousIsoWeek(tokyoMondayMorning, 'Asia/Tokyo')).toEqual({ year: 2026, week: 49 });
    expect(previousIsoWeek(tokyoMondayMorning, 'America/Los_Angeles')).toEqual({ year: 2026, week: 48 });
    expect(previousIsoWeek(tokyoMondayMorning, 'UTC')).toEqual({ year: 2026, week: 48 });
  });

  it('crosses into the previous ISO year, including a week 53', () => {
    expect(previousIsoWeek(new Date('2027-01-04T07:00:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, week: 53 });
    expect(previousIsoWeek(new Date('2025-01-06T16:00:00Z'), 'America/Los_Angeles')).toEqual({ year: 2025, week: 1 });
    expect(previousIsoWeek(new Date('2025-01-01T12:00:00Z'), 'Asia/Tokyo')).toEqual({ year: 2024, week: 52 });
  });

  it('contains the instant it was asked about in the current week range', () => {
    const instant = new Date('2026-03-29T01:30:00Z'); // Sunday 03:30 CEST, just after the change
    const range = isoWeekRange(isoWeekAt(instant, 'Europe/Berlin'), 'Europe/Berlin');
    expect(range.start.getTime()).toBeLessThanOrEqual(instant.getTime());
    expect(range.end.getTime()).toBeGreaterThan(instant.getTime());
  });
});
