import type { VerdictKind } from '../core/verdict.js';
import type { VerdictCache } from '../judge/verdict-cache.js';
import type { GoogleAddonRepository } from './google-addon-repository.js';
import type { UserKey } from './user-key.js';
import type { UserSettings } from './user-settings.js';

/**
 * What the backend keeps, behind one interface: `openStore` (database.ts) returns it on SQLite or
 * PostgreSQL. Everything about a user is read and written under their `UserKey`.
 */
export interface Store {
  readonly kind: StoreKind;
  readonly users: UserRepository;
  readonly settings: SettingsRepository;
  /** Verdicts by content hash (cached-judge.ts): not user data, the key is derived from the invite. */
  readonly verdicts: VerdictCache;
  readonly feedback: FeedbackRepository;
  readonly sentThreads: SentThreadRepository;
  readonly reportRuns: ReportRunRepository;
  /** Push channels, event prompts and pre-reads of the Google Calendar add-on. */
  readonly googleAddon: GoogleAddonRepository;
  /** Resolves when the database answers `SELECT 1` (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'postgres';

export interface StoredUser extends UserKey {
  email: string | null;
  name: string | null;
  timeZone: string;
  reportOptIn: boolean;
  /** Where the weekly report reads this user's calendar (for example an ICS URL); JSON, as imported. */
  calendar: unknown;
}

/** One row of a CLI import: who, and what the weekly report needs to know about them. */
export interface UserImport {
  email: string;
  name?: string;
  timeZone: string;
  calendar: unknown;
  /** Set on a new user (default true); on an existing user only when given, so an import never re-subscribes. */
  optIn?: boolean;
}

export interface UserRepository {
  /** Records who signed in; only the fields given change. */
  upsertUser(key: UserKey, profile: { email?: string; name?: string }): Promise<void>;
  getUser(key: UserKey): Promise<StoredUser | undefined>;
  /** Every user, for the weekly report. */
  listUsers(): Promise<StoredUser[]>;
  /**
   * For an import by e-mail: updates the one user who has that address, in whatever tenant, or
   * creates `{ tenantId: 'local', userId: <lowercased e-mail> }`. Returns the key it wrote.
   */
  upsertByEmail(entry: UserImport): Promise<UserKey>;
}

export interface SettingsRepository {
  /** The user's settings, with the defaults for whatever they never set. */
  getSettings(key: UserKey): Promise<UserSettings>;
  /** Validates the patch with `userSettingsPatchSchema` (throws a ZodError), saves it, returns the result. */
  putSettings(key: UserKey, patch: Partial<UserSettings>): Promise<UserSettings>;
}

export interface NewFeedback {
  /** The invite's digest (`inviteDigest`): feedback never holds the invite's text. */
  fingerprint: string;
  verdict: VerdictKind;
  expected?: VerdictKind;
  comment?: string;
  surface: string;
}

export interface Feedback extends NewFeedback {
  id: string;
  createdAt: string;
}

export interface FeedbackRepository {
  /** Returns the new feedback's id. */
  addFeedback(key: UserKey, feedback: NewFeedback): Promise<string>;
  /** This user's feedback, oldest first. */
  listFeedback(key: UserKey): Promise<Feedback[]>;
}

/** The answer to "may I send the thread for this idempotency key?" */
export type SendClaim =
  | { state: 'claimed' }
  | { state: 'done'; result: unknown }
  | { state: 'in-progress' }
  | { state: 'conflict' };

export interface SentThreadRepository {
  /**
   * Atomic across requests and servers: exactly one caller gets `claimed` for a key. Later callers
   * get `done` with the first result, `in-progress` while it is being sent, or `conflict` when the
   * key came with a different request. A claim left in progress for 15 minutes (the server died
   * mid-send) can be claimed again.
   */
  claim(key: UserKey, idempotencyKey: string, requestHash: string): Promise<SendClaim>;
  /** Stores the result that repeats of the request get back. Throws when there is no claim in progress. */
  complete(key: UserKey, idempotencyKey: string, result: unknown): Promise<void>;
  /** Drops an in-progress claim after a failed send, so that the user can try again. */
  release(key: UserKey, idempotencyKey: string): Promise<void>;
}

export type ReportRunStatus = 'claimed' | 'sent' | 'failed';

export interface ReportRun extends UserKey {
  /** ISO 8601 week, `2026-W10`. */
  isoWeek: string;
  status: ReportRunStatus;
  details: unknown;
  error: string | null;
  claimedAt: string;
  finishedAt: string | null;
}

export interface ReportRunRepository {
  /**
   * Claims the user's week: exactly one caller per user and ISO week, however many workers ask,
   * gets the claim (its `claimedAt`, which `markReportSent`/`markReportFailed` take to prove the
   * row is still theirs); the others get undefined.
   */
  claimReport(key: UserKey, isoWeek: string): Promise<string | undefined>;
  /**
   * Takes over a run that failed, or one claimed before `staleBefore` and never finished (its
   * worker died). Atomic like `claimReport`: the new claim for exactly one caller.
   */
  retakeReport(key: UserKey, isoWeek: string, staleBefore: Date): Promise<string | undefined>;
  /** Only while `claim` is still the row's claim; otherwise throws (another worker took the week over). */
  markReportSent(key: UserKey, isoWeek: string, claim: string, details: unknown): Promise<void>;
  /**
   * Never over a sent run. With `claim`, only while it is still the row's claim (a late failure of
   * a worker that lost its claim changes nothing); without (dead-letter bookkeeping), any unsent run.
   */
  markReportFailed(key: UserKey, isoWeek: string, error: string, claim?: string): Promise<void>;
  listReportRuns(isoWeek: string): Promise<ReportRun[]>;
  getReportRun(key: UserKey, isoWeek: string): Promise<ReportRun | undefined>;
}
