/**
 * Words and figures shared by the subject line, the HTML and the plain-text part, so that all
 * three say the same numbers the same way.
 */

const hourFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const personHourFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** 6.5 h, 7 h, 0.3 h; never "-0 h". Hours round to one decimal everywhere in the report. */
export function formatHours(hours: number): string {
  return `${hourFormat.format(roundHours(hours))} h`;
}

export function roundHours(hours: number): number {
  return Math.max(0, Math.round(hours * 10) / 10);
}

export function formatPersonHours(personHours: number): string {
  return `${personHourFormat.format(Math.max(0, Math.round(personHours * 10) / 10))} person-hours`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** $1,950 — whole units: the figures are estimates, cents would suggest precision they lack. */
export function formatMoney(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
    moneyFormats.set(currency, format);
  }
  return format.format(Math.round(amount));
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60 || minutes % 60 !== 0) return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return `${minutes / 60} h`;
}

export interface HeadlineFigures {
  meetings: number;
  meetingHours: number;
  asyncHours: number;
  trimHoursBack: number;
}

/** The one sentence the e-mail leads with; the subject line carries the same figure. */
export function headline({ meetings, meetingHours, asyncHours, trimHoursBack }: HeadlineFigures): string {
  if (meetings === 0) return 'A week without meetings';
  if (roundHours(asyncHours) > 0) return `${formatHours(asyncHours)} in meetings that could have been async`;
  if (roundHours(trimHoursBack) > 0) return `${formatHours(trimHoursBack)} of meetings could have been shorter`;
  return `All ${formatHours(meetingHours)} of your meetings earned their place`;
}

/** Under the headline: the other figure, when there is one. */
export function subheadline({ meetings, meetingHours, asyncHours, trimHoursBack }: HeadlineFigures): string {
  if (meetings === 0) return 'Nothing to challenge: enjoy the focus time.';
  const total = `${meetings} meeting${meetings === 1 ? '' : 's'}, ${formatHours(meetingHours)} in all`;
  if (roundHours(asyncHours) > 0 && roundHours(trimHoursBack) > 0) return `${total}; trimming would give back another ${formatHours(trimHoursBack)}.`;
  if (roundHours(asyncHours) > 0 || roundHours(trimHoursBack) > 0) return `${total}.`;
  return `${total}: none of them could have been an update.`;
}
