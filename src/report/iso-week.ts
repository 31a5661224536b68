import type { TimeRange } from '../calendars/calendar-source.js';

/**
 * ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday) as time ranges in an
 * IANA time zone. Intl only, no Node built-ins, no tz library: a week runs from Monday 00:00 local
 * to the next Monday 00:00 local, so a week with a DST change is 167 or 169 hours long.
 */

export interface IsoWeek {
  /** The ISO week-numbering year: 2026-W53 ends on 3 January 2027, 2025-W01 starts on 30 December 2024. */
  year: number;
  week: number;
}

/** A calendar date with no time zone: month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** An ISO week or a time zone that cannot be read: one line naming what was expected. */
export class InvalidWeekError extends Error {
  override readonly name = 'InvalidWeekError';
}

const dayMs = 86_400_000;
const isoWeekPattern = /^(\d{4})-W(\d{2})$/;

/** Reads `YYYY-Www` ("2026-W49"); week 53 only in years that have one. */
export function parseIsoWeek(text: string): IsoWeek {
  const match = isoWeekPattern.exec(typeof text === 'string' ? text.trim() : '');
  if (!match) throw new InvalidWeekError(`week "${String(text)}": expected an ISO week such as 2026-W49`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeks = weeksInIsoYear(year);
  if (year < 1 || week < 1 || week > weeks) {
    throw new InvalidWeekError(`week "${text}": ${year} has weeks W01 to W${weeks}`);
  }
  return { year, week };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** 53 when 1 January is a Thursday, or a Wednesday in a leap year; 52 otherwise. */
export function weeksInIsoYear(year: number): number {
  const jan1 = weekdayOf({ year, month: 1, day: 1 });
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (jan1 === 3 && leap) ? 53 : 52;
}

/** The Monday of an ISO week, as a calendar date. */
export function isoWeekMonday({ year, week }: IsoWeek): LocalDate {
  const jan4 = { year, month: 1, day: 4 };
  const mondayOfWeek1 = utcDays(jan4) - (weekdayOf(jan4) - 1);
  return fromUtcDays(mondayOfWeek1 + (week - 1) * 7);
}

/** The ISO week a calendar date falls in. */
export function isoWeekOfDate(date: LocalDate): IsoWeek {
  const days = utcDays(date);
  const thursday = fromUtcDays(days - (weekdayOf(date) - 1) + 3);
  const jan1 = utcDays({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor((utcDays(thursday) - jan1) / 7) + 1 };
}

/** Monday 00:00 to the next Monday 00:00 in `timeZone`, half-open like `TimeRange`. */
export function isoWeekRange(week: IsoWeek | string, timeZone: string): TimeRange {
  const parsed = typeof week === 'string' ? parseIsoWeek(week) : checkedWeek(week);
  const monday = isoWeekMonday(parsed);
  return {
    start: startOfLocalDay(monday, timeZone),
    end: startOfLocalDay(fromUtcDays(utcDays(monday) + 7), timeZone),
  };
}

/** The ISO week that `instant` falls in, as the clock on the wall in `timeZone` reads it. */
export function isoWeekAt(instant: Date, timeZone: string): IsoWeek {
  return isoWeekOfDate(localDateAt(instant, timeZone));
}

/** The week before the one `instant` falls in: the week a Monday-morning report covers. */
export function previousIsoWeek(instant: Date, timeZone: string): IsoWeek {
  const monday = isoWeekMonday(isoWeekAt(instant, timeZone));
  return isoWeekOfDate(fromUtcDays(utcDays(monday) - 7));
}

/** The calendar date at `instant` in `timeZone`. */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClockAt(instant.getTime(), timeZone);
  return { year, month, day };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  const sundayZero = new Date(utcDays(date) * dayMs).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** Throws InvalidWeekError unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/**
 * The first instant of a calendar day in a zone: local midnight, or, where a DST change skips
 * midnight (São Paulo until 2019, Santiago), the moment the clocks jump to, the day's real start.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wallMidnight = utcDays(date) * dayMs;
  // A zone does not change its offset twice within two days, so these two offsets are the only candidates.
  const before = offsetAt(wallMidnight - dayMs, timeZone);
  const after = offsetAt(wallMidnight + dayMs, timeZone);
  const candidates = [wallMidnight - before, wallMidnight - after].filter((instant) => {
    const wall = wallClockAt(instant, timeZone);
    return wall.hour === 0 && wall.minute === 0 && utcDays(wall) === utcDays(date);
  });
  // Two candidates: midnight happened twice (clocks went back at 01:00); the day starts at the first.
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // None: midnight was skipped; the day starts when the old offset reaches midnight.
  return new Date(wallMidnight - Math.min(before, after));
}

function checkedWeek(week: IsoWeek): IsoWeek {
  return parseIsoWeek(formatIsoWeek(week));
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
function utcDays({ year, month, day }: LocalDate): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / dayMs);
}

function fromUtcDays(days: number): LocalDate {
  const date = new Date(days * dayMs);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

interface WallClock extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new InvalidWeekError(`time zone "${timeZone}": expected an IANA zone such as Europe/Berlin`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Local wall-clock time minus UTC at `instant`, in milliseconds (Berlin in summer: +7,200,000). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClockAt(instant, timeZone);
  const wallAsUtc = utcDays(wall) * dayMs + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000;
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}
