import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactElement } from 'react';
import { formatHours, formatMinutes, formatMoney, formatPersonHours } from '../report-format.js';
import type { DayBar, ReportItem, ReportVerdict, WeeklyReport } from '../weekly-report-model.js';

/**
 * The weekly report e-mail. Tables and inline styles only, so that Outlook (Word's renderer),
 * Gmail (which drops <style> in some views) and phone clients all draw the same thing; the bar
 * chart is table cells with background colours, no images. React escapes every text and
 * attribute, which is what keeps a hostile meeting subject inert.
 *
 * The plain-text part is rendered from the same tree: rows that only make sense as pictures carry
 * a `data-plain-text` line said in words instead (see render-report.ts).
 */

export const verdictColours: Record<ReportVerdict, string> = { async: '#c2410c', trim: '#d97706', keep: '#64748b' };
/** Darker shades for text on white (WCAG AA 4.5:1); the bars keep the brighter ones. */
const verdictTextColours: Record<'async' | 'trim', string> = { async: '#c2410c', trim: '#b45309' };
const trackColour = '#eef1f4';
const verdictNames: Record<ReportVerdict, string> = { async: 'could be async', trim: 'could be shorter', keep: 'kept' };

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const body: CSSProperties = { backgroundColor: '#f4f5f7', margin: 0, padding: '16px 0', fontFamily: font, color: '#1f2933' };
const container: CSSProperties = { backgroundColor: '#ffffff', maxWidth: '600px', width: '100%', borderRadius: '8px', padding: '24px 20px' };
const small: CSSProperties = { fontSize: '13px', lineHeight: '18px', color: '#52606d', margin: 0 };
const h1: CSSProperties = { fontSize: '24px', lineHeight: '30px', margin: '6px 0 4px', color: '#1f2933' };
const h2: CSSProperties = { fontSize: '17px', lineHeight: '24px', margin: '24px 0 8px', color: '#1f2933' };
const paragraph: CSSProperties = { fontSize: '15px', lineHeight: '22px', margin: '0 0 8px' };
const cellText: CSSProperties = { fontSize: '13px', lineHeight: '18px', color: '#52606d', whiteSpace: 'nowrap' };

export function WeeklyReportEmail({ report }: { report: WeeklyReport }): ReactElement {
  const { summary } = report;
  const currency = summary.costBack.currency;
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        <title>{report.subject}</title>
      </Head>
      <Preview>{`${report.subheadline} ${report.weekLabel}.`}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Section>
            <Text style={small}>
              {report.recipientName ? `${report.recipientName} · ` : ''}
              {report.weekLabel}
            </Text>
            <Heading as="h1" style={h1} data-headline="">
              {report.headline}
            </Heading>
            <Text style={{ ...paragraph, color: '#3e4c59' }}>{report.subheadline}</Text>
          </Section>

          {summary.meetings > 0 && (
            <Figures
              figures={[
                [formatHours(summary.hoursBack), 'of your time back'],
                [formatPersonHours(summary.personHoursBack).replace(' person-hours', ''), 'person-hours for everyone invited'],
                [formatMoney(summary.costBack.amount, currency), 'of people’s time'],
              ]}
            />
          )}

          {summary.meetings > 0 && <DayChart days={report.days} />}

          {report.items.length > 0 && (
            <Section>
              <Heading as="h2" style={h2}>
                What could have been an update
              </Heading>
              {report.items.map((item, index) => (
                <MeetingEntry key={`${index}-${item.subject}`} item={item} rank={index + 1} />
              ))}
              {report.notListed.items > 0 && (
                <Text style={small}>
                  {`And ${report.notListed.items} more meeting${report.notListed.items === 1 ? '' : 's'} worth ${formatPersonHours(report.notListed.personHoursBack)}.`}
                </Text>
              )}
            </Section>
          )}

          {summary.meetings > 0 && report.items.length === 0 && (
            <Section>
              <Text style={paragraph}>
                Every meeting had decisions, discussion, outside guests or something sensitive on it: nothing here
                could have been an update. Keep it up.
              </Text>
            </Section>
          )}

          <Hr style={{ borderColor: '#e4e7eb', margin: '24px 0 12px' }} />
          <Section>
            <Text style={small}>
              Times are in {report.timeZone}. Hours are yours; person-hours count everyone invited. Figures are estimates from the
              invites.
            </Text>
            <Text style={{ ...small, marginTop: '8px' }}>
              <Link href={report.links.settingsUrl} style={{ color: '#1d4ed8' }}>
                Report settings
              </Link>
              {' · '}
              <Link href={report.links.unsubscribeUrl} style={{ color: '#1d4ed8' }}>
                Unsubscribe
              </Link>
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

function Figures({ figures }: { figures: [string, string][] }): ReactElement {
  return (
    <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0} style={{ margin: '12px 0 4px' }}>
      <tbody>
        <tr>
          {figures.map(([figure, label]) => (
            <td key={label} width="33%" valign="top" style={{ padding: '10px 8px', backgroundColor: '#f8fafc', border: '4px solid #ffffff' }}>
              <div style={{ fontSize: '18px', lineHeight: '24px', fontWeight: 700, color: '#1f2933' }}>{figure}</div>
              <div style={{ fontSize: '12px', lineHeight: '16px', color: '#52606d' }}>{label}</div>
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

const kinds: ReportVerdict[] = ['async', 'trim', 'keep'];

/** The `bgcolor` attribute: Outlook on Windows ignores some CSS backgrounds on cells but not this. React's types lack it. */
function legacyBackground(colour: string): Record<string, string> {
  return { bgcolor: colour };
}

/** Percent widths for a day's segments, scaled to the busiest day; every visible segment at least 1 %. */
export function barWidths(day: DayBar, busiestDayHours: number): { kind: ReportVerdict; percent: number }[] {
  if (busiestDayHours <= 0) return [];
  const segments = kinds
    .filter((kind) => day.hours[kind] > 0)
    .map((kind) => ({ kind, percent: Math.max(1, Math.round((day.hours[kind] / busiestDayHours) * 100)) }));
  let overflow = segments.reduce((sum, segment) => sum + segment.percent, 0) - 100;
  for (const segment of [...segments].sort((a, b) => b.percent - a.percent)) {
    if (overflow <= 0) break;
    const cut = Math.min(overflow, segment.percent - 1);
    segment.percent -= cut;
    overflow -= cut;
  }
  return segments;
}

function dayTotal(day: DayBar): number {
  return day.hours.async + day.hours.trim + day.hours.keep;
}

function dayInWords(day: DayBar): string {
  const parts = kinds.filter((kind) => day.hours[kind] > 0).map((kind) => `${formatHours(day.hours[kind])} ${verdictNames[kind]}`);
  return `${day.weekday} ${day.date}: ${formatHours(dayTotal(day))}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function DayChart({ days }: { days: DayBar[] }): ReactElement {
  const busiest = Math.max(0, ...days.map(dayTotal));
  return (
    <Section>
      <Heading as="h2" style={h2}>
        Your meeting hours by day
      </Heading>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0} data-chart="">
        <tbody>
          {days.map((day) => {
            const segments = barWidths(day, busiest);
            const used = segments.reduce((sum, segment) => sum + segment.percent, 0);
            return (
              <tr key={day.weekday} data-plain-text={dayInWords(day)} aria-label={dayInWords(day)}>
                <td width="64" style={{ ...cellText, padding: '3px 8px 3px 0' }}>
                  <b style={{ color: '#1f2933' }}>{day.weekday}</b> {day.date}
                </td>
                <td style={{ padding: '3px 0' }}>
                  <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0}>
                    <tbody>
                      <tr>
                        {segments.map((segment) => (
                          <td
                            key={segment.kind}
                            width={`${segment.percent}%`}
                            height="16"
                            {...legacyBackground(verdictColours[segment.kind])}
                            data-segment={segment.kind}
                            style={{ backgroundColor: verdictColours[segment.kind], height: '16px', fontSize: '1px', lineHeight: '16px' }}
                          >
                            &nbsp;
                          </td>
                        ))}
                        {used < 100 && (
                          <td
                            width={`${100 - used}%`}
                            height="16"
                            {...legacyBackground(trackColour)}
                            style={{ backgroundColor: trackColour, height: '16px', fontSize: '1px', lineHeight: '16px' }}
                          >
                            &nbsp;
                          </td>
                        )}
                      </tr>
                    </tbody>
                  </table>
                </td>
                <td width="52" align="right" style={{ ...cellText, padding: '3px 0 3px 8px' }}>
                  {formatHours(dayTotal(day))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table role="presentation" cellPadding={0} cellSpacing={0} border={0} style={{ marginTop: '8px' }} data-skip-in-text="true">
        <tbody>
          <tr>
            {kinds.map((kind) => (
              <td key={kind} style={{ ...cellText, paddingRight: '14px' }}>
                <span style={{ display: 'inline-block', width: '10px', height: '10px', backgroundColor: verdictColours[kind], borderRadius: '2px' }}>
                  &nbsp;
                </span>{' '}
                {verdictNames[kind]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </Section>
  );
}

function MeetingEntry({ item, rank }: { item: ReportItem; rank: number }): ReactElement {
  const badge = item.verdict === 'async' ? 'Could be async' : `Could be ${formatMinutes(item.keepMinutes ?? item.minutes)} instead of ${formatMinutes(item.minutes)}`;
  const people = `${item.attendees} ${item.attendees === 1 ? 'person' : 'people'}`;
  const length = item.occurrences > 1 ? `${item.occurrences} × ${formatMinutes(item.minutes)}` : formatMinutes(item.minutes);
  return (
    <table
      role="presentation"
      width="100%"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      style={{ margin: '0 0 12px' }}
      data-item={item.verdict}
    >
      <tbody>
        <tr>
          {/* Border and background on the cell: Outlook on Windows draws them there, not on the table. */}
          <td style={{ padding: '10px 12px', borderLeft: `4px solid ${verdictColours[item.verdict]}`, backgroundColor: '#fbfbfc' }}>
            <div style={{ fontSize: '16px', lineHeight: '22px', fontWeight: 700, color: '#1f2933', wordBreak: 'break-word' }}>
              {`${rank}. ${item.subject}`}
            </div>
            <div style={{ fontSize: '13px', lineHeight: '18px', color: verdictTextColours[item.verdict], fontWeight: 600, margin: '2px 0' }}>{badge}</div>
            <div style={{ fontSize: '13px', lineHeight: '18px', color: '#52606d' }}>{item.when}</div>
            {item.reasons.length > 0 && (
              <ul style={{ margin: '6px 0', paddingLeft: '18px', fontSize: '14px', lineHeight: '20px', color: '#323f4b' }}>
                {item.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
            <div style={{ fontSize: '13px', lineHeight: '18px', color: '#323f4b' }}>
              {`${people} · ${length} · ${formatPersonHours(item.personHours)} (${formatMoney(item.cost, item.currency)})`}
              {item.verdict === 'trim' && ` · ${formatPersonHours(item.personHoursBack)} back (${formatMoney(item.costBack, item.currency)})`}
            </div>
            {item.action && (
              <div style={{ marginTop: '8px' }}>
                {/* Button, not Link: it carries the padding hacks Outlook on Windows needs to draw a button. */}
                <Button
                  href={item.action.url}
                  style={{ backgroundColor: '#1d4ed8', color: '#ffffff', fontSize: '14px', lineHeight: '20px', fontWeight: 600, padding: '8px 14px', borderRadius: '6px' }}
                  data-action=""
                >
                  {item.action.label}
                </Button>
                {item.perMonth && (
                  <div style={{ fontSize: '12px', lineHeight: '16px', color: '#52606d', marginTop: '4px' }}>
                    {`Gives back about ${formatPersonHours(item.perMonth.personHours)} (${formatMoney(item.perMonth.amount, item.currency)}) a month.`}
                  </div>
                )}
              </div>
            )}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
