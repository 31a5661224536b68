import ICAL from 'ical.js';
import {
  InvalidInviteError,
  parseInvite,
  type Attendee,
  type AttendeeType,
  type Invite,
  type InviteInput,
  type NamedRecurrence,
  type Recurrence,
} from '../../core/invite.js';

/**
 * Turns iCalendar (.ics) text into Invites, one per VEVENT. Pure: no Node built-ins, so it also
 * runs in the task pane. It never throws: whatever cannot be read becomes an `IcsProblem`.
 */

/** Something that kept an event (or the whole file) from becoming an Invite. */
export interface IcsProblem {
  /** 1-based line in the .ics text where the offending VEVENT (or calendar) starts, when known. */
  line?: number;
  /** The Invite field that could not be filled, when known. */
  field?: string;
  /** One line, short, for people. */
  message: string;
}

export interface IcsResult {
  invites: Invite[];
  problems: IcsProblem[];
}

type Component = ICAL.Component;
type Property = ICAL.Property;
type Person = NonNullable<Invite['organizer']>;

/** A BEGIN:…/END:… block found by scanning raw lines: [start, end) are 0-based line indexes. */
interface Block {
  name: string;
  start: number;
  end: number;
  children: Block[];
  /** A file of bare VEVENTs without BEGIN:VCALENDAR, read as if it had one. */
  implicit?: boolean;
  /** A calendar cut off before END:VCALENDAR (a truncated download), read as if it had one. */
  unterminated?: boolean;
}

export function icsToInvites(text: string): IcsResult {
  const { invites, problems } = collect(text, false);
  return { invites, problems };
}

/** A VEVENT read into an Invite, with its ical.js component for callers in this folder (recurrence expansion). */
export interface IcsEvent {
  invite: Invite;
  component: Component;
}

/** As `icsToInvites`, keeping each invite's VEVENT beside it. Never throws. */
export function readIcsEvents(text: string): { events: IcsEvent[]; problems: IcsProblem[] } {
  const { events = [], problems } = collect(text, true);
  return { events, problems };
}

/** What a read gathers; `events` only when the caller wants the components too. */
interface Collected extends IcsResult {
  events?: IcsEvent[];
}

function collect(text: string, withComponents: boolean): Collected {
  const result: Collected = withComponents ? { invites: [], problems: [], events: [] } : { invites: [], problems: [] };
  try {
    readFile(typeof text === 'string' ? text : '', result);
  } catch (error) {
    // Last line of defence for the "never throws" contract; readFile catches what it expects.
    result.problems.push({ message: `could not read calendar: ${oneLine(error)}` });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// File and calendar level

function readFile(text: string, result: Collected): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.every((line) => line.trim() === '')) {
    result.problems.push({ message: 'empty file (no iCalendar data)' });
    return;
  }
  const found = scanCalendars(lines);
  const calendars = found.length > 0 ? found : [implicitCalendar(lines)].filter((calendar) => calendar !== undefined);
  if (calendars.length === 0) {
    result.problems.push({ message: 'not an iCalendar file (no BEGIN:VCALENDAR)' });
    return;
  }
  let eventCount = 0;
  for (const calendar of calendars) eventCount += readCalendar(lines, calendar, result);
  if (eventCount === 0) {
    result.problems.push({ line: lineNumber(calendars[0]), message: 'no VEVENT in calendar' });
  }
}

/** Reads one VCALENDAR; returns how many VEVENTs it held. */
function readCalendar(lines: string[], calendar: Block, result: Collected): number {
  let root: Component;
  try {
    root = new ICAL.Component(parseOneComponent(blockText(lines, calendar)));
  } catch (error) {
    return salvageCalendar(lines, calendar, error, result);
  }
  const events = root.getAllSubcomponents('vevent');
  const eventBlocks = calendar.children.filter((block) => block.name === 'VEVENT');
  // A wrong line number is worse than none: only use the scan when it saw the same events.
  const linesAgree = eventBlocks.length === events.length;
  events.forEach((event, index) => {
    readEvent(event, linesAgree ? lineNumber(eventBlocks[index]) : undefined, result);
  });
  return events.length;
}

/**
 * ical.js rejects a whole calendar for one bad line, so when the calendar fails, each component
 * is parsed on its own (VEVENTs with the calendar's readable VTIMEZONEs) and only the broken
 * ones are lost, each reported at its own line.
 */
function salvageCalendar(lines: string[], calendar: Block, calendarError: unknown, result: Collected): number {
  const parts = calendar.children.map((block) => ({ block, parsed: parseComponentText(blockText(lines, block)) }));
  const timezones = parts.flatMap(({ block, parsed }) => (block.name === 'VTIMEZONE' && 'jcal' in parsed ? [parsed.jcal] : []));
  let brokenParts = 0;
  for (const { block, parsed } of parts) {
    if ('error' in parsed) {
      brokenParts += 1;
      result.problems.push({ line: lineNumber(block), message: syntaxErrorMessage(parsed.error, block.name) });
    } else if (block.name === 'VEVENT') {
      const event = new ICAL.Component(['vcalendar', [], [...timezones, parsed.jcal]]).getFirstSubcomponent('vevent');
      if (event) readEvent(event, lineNumber(block), result);
    }
  }
  if (brokenParts === 0) {
    // The fault lies in the calendar's own lines (or it is unterminated): say so once.
    result.problems.push({ line: lineNumber(calendar), message: syntaxErrorMessage(calendarError) });
  }
  return calendar.children.filter((block) => block.name === 'VEVENT').length;
}

/** ICAL.parse of one component's text, which must hold exactly one component. */
function parseComponentText(text: string): { jcal: unknown[] } | { error: unknown } {
  try {
    return { jcal: parseOneComponent(text) };
  } catch (error) {
    return { error };
  }
}

function parseOneComponent(text: string): unknown[] {
  const jcal: unknown = ICAL.parse(text);
  if (!Array.isArray(jcal) || typeof jcal[0] !== 'string') throw new Error('expected exactly one component');
  return jcal;
}

function syntaxErrorMessage(error: unknown, component?: string): string {
  return `iCalendar syntax error${component ? ` in ${component}` : ''}: ${oneLine(error)}`;
}

// ---------------------------------------------------------------------------------------------
// Line scanning: finds VCALENDAR blocks and their direct children (VEVENT, VTIMEZONE, …) with
// their raw line numbers. Folded continuation lines start with a space or tab, so they never
// look like BEGIN/END markers and every raw line keeps its own number.

function scanCalendars(lines: string[]): Block[] {
  const calendars: Block[] = [];
  let calendar: Block | undefined;
  let depth = 0;
  lines.forEach((line, index) => {
    if (isCalendarBegin(line)) {
      if (calendar) calendar.end = index; // unterminated: ends where the next one begins
      calendar = { name: 'VCALENDAR', start: index, end: lines.length, children: [], unterminated: true };
      calendars.push(calendar);
      depth = 1;
      return;
    }
    const marker = componentMarker(line);
    if (!calendar || !marker) return;
    depth = trackChild(calendar, marker, index, depth);
    if (depth === 0) {
      calendar.end = index + 1;
      calendar.unterminated = false;
      calendar = undefined;
    }
  });
  return calendars;
}

/** Bare VEVENTs without a VCALENDAR around them (some exporters write these): one implicit calendar. */
function implicitCalendar(lines: string[]): Block | undefined {
  const calendar: Block = { name: 'VCALENDAR', start: 0, end: lines.length, children: [], implicit: true };
  let depth = 1;
  lines.forEach((line, index) => {
    const marker = componentMarker(line);
    if (marker) depth = Math.max(1, trackChild(calendar, marker, index, depth));
  });
  return calendar.children.some((block) => block.name === 'VEVENT') ? calendar : undefined;
}

/** Opens and closes the calendar's direct children; returns the new nesting depth. */
function trackChild(calendar: Block, marker: { begin: boolean; name: string }, index: number, depth: number): number {
  if (marker.begin) {
    if (depth === 1) calendar.children.push({ name: marker.name, start: index, end: index + 1, children: [] });
    return depth + 1;
  }
  const child = calendar.children.at(-1);
  if (depth === 2 && child) child.end = index + 1;
  return depth - 1;
}

/** Leading blanks are tolerated here only: some servers indent the first line. */
function isCalendarBegin(line: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCALENDAR\s*$/i.test(line);
}

function componentMarker(line: string): { begin: boolean; name: string } | undefined {
  const match = /^\uFEFF?(BEGIN|END):([A-Za-z0-9-]+)\s*$/i.exec(line);
  if (!match?.[1] || !match[2]) return undefined;
  return { begin: match[1].toUpperCase() === 'BEGIN', name: match[2].toUpperCase() };
}

function blockText(lines: string[], block: Block): string {
  const text = lines.slice(block.start, block.end).join('\r\n').replace(/^\uFEFF?\s*/, '');
  if (block.implicit) return `BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`;
  return block.unterminated ? `${text}\r\nEND:VCALENDAR` : text;
}

function lineNumber(block: Block | undefined): number | undefined {
  return block ? block.start + 1 : undefined;
}

// ---------------------------------------------------------------------------------------------
// Event level

/**
 * Thrown while reading a VEVENT property; names the Invite field it was meant for. The message
 * continues the event's label: ' has no DTSTART', ': cannot read start: …'.
 */
class EventFieldError extends Error {
  override readonly name = 'EventFieldError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function readEvent(event: Component, line: number | undefined, result: Collected): void {
  const label = eventLabel(event);
  try {
    const invite = parseInvite(eventToInviteInput(event));
    result.invites.push(invite);
    result.events?.push({ invite, component: event });
  } catch (error) {
    result.problems.push(eventProblem(error, label, line));
  }
}

function eventProblem(error: unknown, label: string, line: number | undefined): IcsProblem {
  const at = line === undefined ? {} : { line };
  if (error instanceof EventFieldError) return { ...at, field: error.field, message: oneLine(`${label}${error.message}`) };
  if (error instanceof InvalidInviteError) return { ...at, field: error.field, message: `${label}: ${oneLine(error.message)}` };
  return { ...at, message: `${label}: ${oneLine(error)}` };
}

function eventToInviteInput(event: Component): InviteInput {
  const start = readField('start', () => readTime(event, 'dtstart'));
  if (!start) throw new EventFieldError('start', ' has no DTSTART');
  const organizer = readField('organizer', () => readOrganizer(event));
  const body = readField('body', () => readBody(event));
  const location = readField('location', () => readText(event, 'location'));
  const invite: InviteInput = {
    subject: readText(event, 'summary') ?? '',
    body,
    attendees: readField('attendees', () => readAttendees(event, organizer)),
    start: start.iso,
    durationMinutes: readField('durationMinutes', () => readDurationMinutes(event, start)),
    recurrence: readField('recurrence', () => readRecurrence(event)),
    source: 'ics',
  };
  const id = readField('id', () => readId(event));
  if (id) invite.id = id;
  if (organizer) invite.organizer = organizer;
  if (location) invite.location = location;
  if (readField('isOnline', () => looksOnline(event, body, location))) invite.isOnline = true;
  return invite;
}

/** Runs one property reader; an ical.js error becomes an EventFieldError naming the field. */
function readField<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof EventFieldError) throw error;
    throw new EventFieldError(field, `: cannot read ${field}: ${oneLine(error)}`);
  }
}

function eventLabel(event: Component): string {
  const summary = safely(() => readText(event, 'summary'));
  if (summary) return `VEVENT "${clip(summary, 60)}"`;
  const uid = safely(() => readText(event, 'uid'));
  return uid ? `VEVENT ${clip(uid, 60)}` : 'VEVENT';
}

function readId(event: Component): string | undefined {
  const uid = readText(event, 'uid');
  if (!uid) return undefined;
  const recurrenceId = event.getFirstPropertyValue('recurrence-id');
  return recurrenceId instanceof ICAL.Time ? `${uid}#${recurrenceId.toICALString()}` : uid;
}

/** The first value of a text property, or undefined when absent or empty. */
function readText(component: Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  return text.trim() === '' ? undefined : text;
}

function readBody(event: Component): string {
  // Outlook puts the formatted body in X-ALT-DESC; it keeps the agenda's structure.
  const html = event
    .getAllProperties('x-alt-desc')
    .find((property) => firstParameter(property, 'fmttype')?.toLowerCase() === 'text/html');
  const htmlText = html?.getFirstValue();
  if (typeof htmlText === 'string' && htmlText.trim() !== '') return htmlText;
  return readText(event, 'description') ?? '';
}

// ---------------------------------------------------------------------------------------------
// People

function readOrganizer(event: Component): Person | undefined {
  const property = event.getFirstProperty('organizer');
  return property ? readPerson(property) : undefined;
}

function readAttendees(event: Component, organizer: Person | undefined): Attendee[] {
  // The organizer is often listed again as an attendee; count each address once.
  const seen = new Set<string>(organizer ? [organizer.email.toLowerCase()] : []);
  const attendees: Attendee[] = [];
  for (const property of event.getAllProperties('attendee')) {
    const person = readPerson(property);
    if (!person || seen.has(person.email.toLowerCase())) continue;
    seen.add(person.email.toLowerCase());
    attendees.push({ ...person, type: attendeeType(property) });
  }
  return attendees;
}

/** A CAL-ADDRESS property as a person: email from mailto:, else the EMAIL parameter, else CN. */
function readPerson(property: Property): Person | undefined {
  const name = firstParameter(property, 'cn')?.trim() || undefined;
  const value = property.getFirstValue();
  const email = emailFrom(typeof value === 'string' ? value : undefined) ?? emailFrom(firstParameter(property, 'email')) ?? name;
  if (!email) return undefined;
  return name ? { name, email } : { email };
}

function emailFrom(value: string | undefined): string | undefined {
  const address = value?.trim().replace(/^mailto:/i, '').trim();
  return address?.includes('@') ? address : undefined;
}

function attendeeType(property: Property): AttendeeType {
  const userType = firstParameter(property, 'cutype')?.toUpperCase();
  if (userType === 'ROOM' || userType === 'RESOURCE') return 'resource';
  if (userType === 'GROUP') return 'group';
  const role = firstParameter(property, 'role')?.toUpperCase();
  if (role === 'OPT-PARTICIPANT' || role === 'NON-PARTICIPANT') return 'optional';
  return 'required';
}

function firstParameter(property: Property, name: string): string | undefined {
  const value: unknown = property.getParameter(name);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

// ---------------------------------------------------------------------------------------------
// Time

/** A DTSTART/DTEND as the Invite writes it, plus its instant for arithmetic. */
interface EventTime {
  iso: string;
  epochMs: number;
  isDate: boolean;
}

function readTime(event: Component, name: string): EventTime | undefined {
  const property = event.getFirstProperty(name);
  if (!property) return undefined;
  const time = timeValue(property);
  if (!(time instanceof ICAL.Time)) throw new Error(`${name.toUpperCase()} is not a date or date-time`);
  const iso = timeWithOffset(time, firstParameter(property, 'tzid'));
  return { iso, epochMs: Date.parse(iso), isDate: time.isDate };
}

/**
 * An ical.js time as an Invite writes it (wall clock + offset), resolving `tzid` the same way
 * as DTSTART; used for the occurrences of an expanded RRULE, whose offset follows DST.
 */
export function timeWithOffset(time: ICAL.Time, tzid: string | undefined): string {
  return `${wallClock(time)}${offsetOf(time, tzid)}`;
}

/** The TZID parameter of a property such as DTSTART, when there is one. */
export function timezoneIdOf(component: Component, propertyName: string): string | undefined {
  const property = component.getFirstProperty(propertyName);
  return property ? firstParameter(property, 'tzid') : undefined;
}

function timeValue(property: Property): ReturnType<Property['getFirstValue']> {
  try {
    return property.getFirstValue();
  } catch (error) {
    const date = bareDate(property);
    if (date) return date;
    throw error;
  }
}

/**
 * `DTSTART:20021028` (a date without VALUE=DATE) is common; ical.js parses it as a date-time
 * "2002-10-28T::" that it then refuses to read. It means an all-day date.
 */
function bareDate(property: Property): ICAL.Time | undefined {
  const raw: unknown = property.jCal[3];
  const date = typeof raw === 'string' ? /^(\d{4}-\d{2}-\d{2})T::$/.exec(raw)?.[1] : undefined;
  return date ? ICAL.Time.fromDateString(date) : undefined;
}

function wallClock(time: ICAL.Time): string {
  const date = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  if (time.isDate) return `${date}T00:00:00`;
  return `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
}

/** The UTC offset of a wall-clock time: `Z`, `+01:00`; floating and all-day times get +00:00. */
function offsetOf(time: ICAL.Time, tzid: string | undefined): string {
  if (time.isDate) return '+00:00';
  if (time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC') return 'Z';
  if (!tzid) return '+00:00';
  const minutes = fileZoneOffsetMinutes(time) ?? namedZoneOffsetMinutes(tzid, time) ?? 0;
  return formatOffset(minutes);
}

/** Offset from the file's own VTIMEZONE (ical.js resolves TZIDs against the calendar). */
function fileZoneOffsetMinutes(time: ICAL.Time): number | undefined {
  const zone = time.zone;
  const observances = zone?.component?.getAllSubcomponents().filter((part) => ['standard', 'daylight'].includes(part.name));
  if (!observances?.length) return undefined;
  try {
    return plausibleOffset(zone.utcOffset(time) / 60);
  } catch {
    return undefined; // a broken VTIMEZONE: fall back to the zone's name
  }
}

/** Offset for a TZID the file does not define: an IANA name, a Windows name or "(UTC+01:00) …". */
function namedZoneOffsetMinutes(tzid: string, time: ICAL.Time): number | undefined {
  const candidates = [tzid, ianaSuffix(tzid), windowsZones[tzid.trim()]];
  for (const zone of candidates) {
    const minutes = zone === undefined ? undefined : intlOffsetMinutes(zone, time);
    if (minutes !== undefined) return minutes;
  }
  return fixedOffsetInName(tzid);
}

/** "/mozilla.org/20050126_1/America/New_York" → "America/New_York". */
function ianaSuffix(tzid: string): string | undefined {
  return /([A-Za-z_]+\/[A-Za-z0-9_+-]+(?:\/[A-Za-z_]+)?)$/.exec(tzid.trim())?.[1];
}

/** "(UTC+05:30) Chennai …", "GMT-0500": the offset written into the name itself. */
function fixedOffsetInName(tzid: string): number | undefined {
  const match = /(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?/i.exec(tzid);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return plausibleOffset(match[1] === '-' ? -minutes : minutes);
}

/** Outlook's most common Windows zone names (CLDR windowsZones, territory 001). */
const windowsZones: Record<string, string> = {
  'Pacific Standard Time': 'America/Los_Angeles',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Central Standard Time': 'America/Chicago',
  'Eastern Standard Time': 'America/New_York',
  'Atlantic Standard Time': 'America/Halifax',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GTB Standard Time': 'Europe/Bucharest',
  'FLE Standard Time': 'Europe/Kiev',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'Russian Standard Time': 'Europe/Moscow',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Arabian Standard Time': 'Asia/Dubai',
  'India Standard Time': 'Asia/Kolkata',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'W. Australia Standard Time': 'Australia/Perth',
  'New Zealand Standard Time': 'Pacific/Auckland',
};

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** Intl knows every IANA zone in browsers and Node alike; null when the name is not one. */
function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter !== undefined) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    formatter = null; // RangeError: not a zone Intl knows
  }
  if (formatters.size < 1000) formatters.set(zone, formatter); // garbage TZIDs must not grow it forever
  return formatter;
}

/** Offset of an IANA zone at a wall-clock time (two passes settle DST transitions). */
function intlOffsetMinutes(zone: string, time: ICAL.Time): number | undefined {
  const formatter = formatterFor(zone);
  if (!formatter) return undefined;
  try {
    const wallAsUtc = utcMilliseconds(time.year, time.month, time.day, time.hour, time.minute, time.second);
    const guess = offsetAtInstant(formatter, wallAsUtc);
    return plausibleOffset(offsetAtInstant(formatter, wallAsUtc - guess * 60_000));
  } catch {
    return undefined; // an instant Intl cannot format
  }
}

function offsetAtInstant(formatter: Intl.DateTimeFormat, instant: number): number {
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((each) => each.type === type)?.value);
  const local = utcMilliseconds(part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((local - Math.floor(instant / 1000) * 1000) / 60_000);
}

function utcMilliseconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return date.getTime();
}

/** Real offsets lie within ±18 h; anything else is a broken zone definition. */
function plausibleOffset(minutes: number): number | undefined {
  return Number.isFinite(minutes) && Math.abs(minutes) <= 18 * 60 ? Math.round(minutes) : undefined;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

function readDurationMinutes(event: Component, start: EventTime): number {
  const end = readTime(event, 'dtend');
  if (end) return nonNegativeMinutes((end.epochMs - start.epochMs) / 60_000);
  const duration = event.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) return nonNegativeMinutes(duration.toSeconds() / 60);
  return start.isDate ? 24 * 60 : 0; // RFC 5545: an all-day event without end lasts one day
}

function nonNegativeMinutes(minutes: number): number {
  return Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0;
}

// ---------------------------------------------------------------------------------------------
// Recurrence and online meetings

function readRecurrence(event: Component): Recurrence | null {
  const rule = event.getFirstPropertyValue('rrule');
  if (!(rule instanceof ICAL.Recur)) return null;
  return namedRecurrence(rule) ?? rule.toString();
}

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'];

/**
 * A name only when the rule means one meeting per period, so a judge can count meetings:
 * "every weekday" is daily, but WEEKLY on MO,WE is not "weekly" and stays an RRULE.
 */
function namedRecurrence(rule: ICAL.Recur): NamedRecurrence | undefined {
  const { BYDAY: byDay = [], BYMONTHDAY: byMonthDay = [], ...otherParts } = rule.parts;
  if (Object.values(otherParts).some((values) => values?.length)) return undefined;
  const interval = rule.interval || 1;
  const onWeekdays = byDay.length === 5 && weekdays.every((day) => byDay.includes(day));
  if (rule.freq === 'DAILY' && interval === 1 && byMonthDay.length === 0 && (byDay.length === 0 || onWeekdays)) return 'daily';
  if (rule.freq === 'WEEKLY' && interval === 1 && onWeekdays) return 'daily';
  if (rule.freq === 'WEEKLY' && byDay.length <= 1 && byMonthDay.length === 0) {
    if (interval === 1) return 'weekly';
    if (interval === 2) return 'biweekly';
  }
  if (rule.freq === 'MONTHLY' && interval === 1 && byDay.length <= 1 && byMonthDay.length <= 1) return 'monthly';
  return undefined;
}

/** A Teams, Zoom, Meet or Webex address (host followed by a path). */
const onlineMeetingLink = /(?:teams\.microsoft\.com|teams\.live\.com|zoom\.us|zoomgov\.com|meet\.google\.com|webex\.com)\//i;

const conferenceProperties = ['x-microsoft-skypeteamsmeetingurl', 'x-google-conference', 'conference'];

function looksOnline(event: Component, body: string, location: string | undefined): boolean {
  const texts = [body, readText(event, 'description'), location, ...conferenceProperties.map((name) => readText(event, name))];
  return texts.some((text) => text !== undefined && onlineMeetingLink.test(text));
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** One line of at most `length` characters: control characters and line separators become spaces. */
function clip(text: string, length: number): string {
  const flat = text.replace(/[\s\p{Cc}\u2028\u2029]+/gu, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** Problem messages are one short line, whatever the error (ical.js quotes whole input lines). */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return clip(message, 200) || 'unknown error';
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined; // only used for labels; the real read reports the error
  }
}
