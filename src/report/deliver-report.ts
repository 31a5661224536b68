import { createHash } from 'node:crypto';
import { IntegrationError } from '../integration/integration-error.js';
import type { Mailer } from '../mail/mailer.js';
import type { Store, StoredUser } from '../store/store.js';
import type { UserKey } from '../store/user-key.js';
import { RecipientError, recipientOf } from './report-recipient.js';
import type { UnsubscribeLinks } from './unsubscribe.js';
import type { ComposeReport, ReportRecipient, ReportSummary } from './weekly-report.js';

/**
 * One user's report for one ISO week, at most once: claim the (user, week) row, compose, mail,
 * record. The claim comes BEFORE the mail, so a restart, a second process or a retried job finds
 * the row and does not send again.
 *
 * A claim whose worker died (SIGKILL, power loss) stays `claimed`. Once it is older than
 * `staleAfterMs` (REPORT_JOB_TIMEOUT_SECONDS, also the pg-boss job expiry) it may be taken
 * again, and a failed run may be retried at once. What this cannot settle is a mail the server
 * accepted whose `sent` row never landed: the worker died in between, or the database refused the
 * record through every try (`ReportNotRecordedError`, which no fan-out retries). The row then stays
 * `claimed`, and a run that starts once the claim is stale (a later `report --all`, the next
 * scheduler pass, a pg-boss retry after the job expired) sends that user the report a second time,
 * with the same Message-ID, which mailbox providers such as Gmail show once. We chose that over the
 * alternative, never retaking a stale claim, which would silently skip the user for the week.
 */

export interface DeliverReportDependencies {
  store: Store;
  compose: ComposeReport;
  mailer: Mailer;
  links: UnsubscribeLinks;
  settingsUrl: string;
  /** The domain in our Message-IDs (MAIL_FROM's, or PUBLIC_URL's host). */
  messageIdDomain: string;
  clock?: () => Date;
  staleAfterMs: number;
  /** First pause between tries to record a sent mail (doubled each try); tests shorten it. */
  recordRetryDelayMs?: number;
}

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string; summary: ReportSummary }
  | { status: 'skipped'; reason: 'already-sent' | 'opted-out' };

/**
 * The mail went out but the run row could not be marked `sent`. Never retried: a retry would find
 * the claim (and, once stale, take it and mail again).
 */
export class ReportNotRecordedError extends Error {
  override readonly name = 'ReportNotRecordedError';
}

/** Someone else holds a fresh claim on this user's week: try later (a retry finds it sent, or stale). */
export class ReportInProgressError extends Error {
  override readonly name = 'ReportInProgressError';
}

export async function deliverReport(dependencies: DeliverReportDependencies, user: StoredUser, isoWeek: string, options: { signal?: AbortSignal } = {}): Promise<DeliveryOutcome> {
  const { store, mailer, links } = dependencies;
  const clock = dependencies.clock ?? (() => new Date());
  if (!user.reportOptIn) return { status: 'skipped', reason: 'opted-out' };
  const key: UserKey = { tenantId: user.tenantId, userId: user.userId };

  const claim = await claimWeek(store, key, isoWeek, new Date(clock().getTime() - dependencies.staleAfterMs));
  if (claim === 'already-sent') return { status: 'skipped', reason: 'already-sent' };
  if (claim === 'in-progress') {
    throw new ReportInProgressError(`the ${isoWeek} report for ${key.tenantId}/${key.userId} is being sent by another worker`);
  }
  const claimedAt = clock().getTime();
  const stillOurs = () => clock().getTime() - claimedAt < dependencies.staleAfterMs;

  let rendered: Awaited<ReturnType<ComposeReport>>;
  let messageId: string;
  try {
    const recipient: ReportRecipient = recipientOf(user);
    const unsubscribeUrl = links.urlFor(key);
    rendered = await dependencies.compose({ recipient, isoWeek, links: { settingsUrl: dependencies.settingsUrl, unsubscribeUrl } }, options);
    options.signal?.throwIfAborted();
    // Past the stale age another worker may have taken the week over: leave it to them.
    if (!stillOurs()) throw new ClaimLostError(`composing took longer than the claim lasts (${Math.round(dependencies.staleAfterMs / 1000)} s)`);
    const sent = await mailer.send(
      {
        to: recipient.email,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Message-ID': reportMessageId(key, isoWeek, dependencies.messageIdDomain),
        },
      },
      options,
    );
    messageId = sent.messageId;
  } catch (error) {
    if (!(error instanceof ClaimLostError) && stillOurs()) {
      await store.reportRuns.markReportFailed(key, isoWeek, oneLine(error), claim.claim).catch(() => undefined);
    }
    throw error;
  }
  // The mail is out: from here nothing may mark the run failed, or a retry would send it again.
  try {
    await recordSent(store, key, isoWeek, claim.claim, { messageId, mailer: mailer.name, summary: rendered.summary }, dependencies.recordRetryDelayMs ?? 200);
  } catch (error) {
    throw new ReportNotRecordedError(`the ${isoWeek} report for ${key.tenantId}/${key.userId} was sent (${messageId}) but could not be recorded: ${oneLine(error)}`, { cause: error });
  }
  return { status: 'sent', messageId, summary: rendered.summary };
}

/** Whether trying the same user again later may succeed. */
export function isRetryableDelivery(error: unknown): boolean {
  if (error instanceof RecipientError || error instanceof ReportNotRecordedError) return false;
  if (error instanceof IntegrationError) return error.isRetryable;
  return true;
}

/** Same user, same week, same id: a resend after a crash is recognisably the same message. */
export function reportMessageId(key: UserKey, isoWeek: string, domain: string): string {
  const digest = createHash('sha256').update(`${key.tenantId}\n${key.userId}`).digest('hex').slice(0, 24);
  return `<weekly-report.${isoWeek}.${digest}@${domain}>`;
}

class ClaimLostError extends Error {
  override readonly name = 'ClaimLostError';
}

/** Ours (with the claim that proves it when recording the outcome), already sent, or someone else's. */
async function claimWeek(store: Store, key: UserKey, isoWeek: string, staleBefore: Date): Promise<{ claim: string } | 'already-sent' | 'in-progress'> {
  const claim = (await store.reportRuns.claimReport(key, isoWeek)) ?? (await store.reportRuns.retakeReport(key, isoWeek, staleBefore));
  if (claim !== undefined) return { claim };
  const run = await store.reportRuns.getReportRun(key, isoWeek);
  return run?.status === 'sent' ? 'already-sent' : 'in-progress';
}

/** The mail is out: recording it matters more than anything else, so a blip in the database gets a few tries. */
async function recordSent(store: Store, key: UserKey, isoWeek: string, claim: string, details: unknown, retryDelayMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.reportRuns.markReportSent(key, isoWeek, claim, details);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attempt));
    }
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!;
}
