import type { CalendarMeeting, CalendarSource } from '../calendars/calendar-source.js';
import type { CostOptions } from '../core/cost.js';
import { guardVerdict } from '../core/sensitivity/sensitivity-guard.js';
import type { Verdict } from '../core/verdict.js';
import type { Judge } from '../judge/judge.js';
import { isoWeekRange } from './iso-week.js';
import { renderWeeklyReport } from './render-report.js';
import { buildWeeklyReport, type JudgedMeeting } from './weekly-report-model.js';
import type { ComposeReport, RenderedReport, ReportRequest } from './weekly-report.js';

/**
 * collect -> judge -> rank -> render, for one recipient and one ISO week. Delivery (claiming the
 * week, mailing, recording, scheduling) lives elsewhere and depends only on `ComposeReport`.
 */

export interface ReportComposerDependencies {
  calendars: CalendarSource;
  /** Hybrid + cache when configured (createJudge); the composer adds one judgment per series. */
  judge: Judge;
  cost: CostOptions;
  clock?: () => Date;
  /** Judgments in flight at once (they may be LLM calls). Default 4. */
  concurrency?: number;
  /** How many async and trim meetings the e-mail lists at most. Default 10. */
  maxListed?: number;
}

export function createReportComposer(dependencies: ReportComposerDependencies): ComposeReport {
  const { calendars, judge, cost } = dependencies;
  const clock = dependencies.clock ?? (() => new Date());
  const concurrency = Math.max(1, dependencies.concurrency ?? 4);

  return async function composeReport(request: ReportRequest, options: { signal?: AbortSignal } = {}): Promise<RenderedReport> {
    const { recipient } = request;
    const range = isoWeekRange(request.isoWeek, recipient.timeZone);
    const signal = options.signal;
    signal?.throwIfAborted();

    const collected = await calendars.meetings(recipient.calendar, range, { userEmail: recipient.email, ...(signal ? { signal } : {}) });
    // The source promises the range; a meeting outside it would count in the wrong week.
    const meetings = collected.filter((meeting) => {
      const start = Date.parse(meeting.invite.start);
      return start >= range.start.getTime() && start < range.end.getTime();
    });

    const { judged, judgeCalls } = await judgeOncePerSeries(meetings, judge, concurrency, signal);
    const report = buildWeeklyReport({
      isoWeek: request.isoWeek,
      range,
      timeZone: recipient.timeZone,
      ...(recipient.name ? { recipientName: recipient.name } : {}),
      judged,
      judgeCalls,
      cost,
      links: request.links,
      now: clock(),
      ...(dependencies.maxListed !== undefined ? { maxListed: dependencies.maxListed } : {}),
    });
    signal?.throwIfAborted();
    const rendered = await renderWeeklyReport(report);
    return { ...rendered, summary: report.summary };
  };
}

/**
 * One judgment per recurring series (its first occurrence this week stands for all of them) and
 * one per one-off meeting. Every verdict passes the sensitivity guard again: the report must not
 * list a sensitive meeting whatever judge it was handed.
 */
async function judgeOncePerSeries(
  meetings: CalendarMeeting[],
  judge: Judge,
  concurrency: number,
  signal: AbortSignal | undefined,
): Promise<{ judged: JudgedMeeting[]; judgeCalls: number }> {
  const sorted = [...meetings].sort((a, b) => Date.parse(a.invite.start) - Date.parse(b.invite.start));
  const representatives = new Map<string, CalendarMeeting>();
  sorted.forEach((meeting, index) => {
    const key = meeting.seriesId !== undefined ? `series:${meeting.seriesId}` : `one:${index}`;
    if (!representatives.has(key)) representatives.set(key, meeting);
  });

  const keys = [...representatives.keys()];
  const verdicts = new Map<string, Verdict>();
  await eachLimited(keys, concurrency, async (key) => {
    signal?.throwIfAborted();
    const meeting = representatives.get(key)!;
    const verdict = await judge.judge(meeting.invite, signal ? { signal } : {});
    verdicts.set(key, guardVerdict(meeting.invite, verdict));
  });

  const judged = sorted.map((meeting, index) => {
    const key = meeting.seriesId !== undefined ? `series:${meeting.seriesId}` : `one:${index}`;
    const verdict = verdicts.get(key)!;
    // The series' verdict, but each occurrence's own text decides whether it is sensitive.
    const own = meeting === representatives.get(key) ? verdict : guardVerdict(meeting.invite, verdict);
    return { invite: meeting.invite, ...(meeting.seriesId !== undefined ? { seriesId: meeting.seriesId } : {}), verdict: own };
  });
  return { judged, judgeCalls: keys.length };
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
