import type { UserKey } from './user-key.js';

/** What the Google Calendar add-on keeps (src/google-addon): push channels, prompts sent, pre-reads. */

export interface GoogleWatchChannel extends UserKey {
  channelId: string;
  userEmail: string;
  calendarId: string;
  resourceId: string;
  /** SHA-256 hex of the channel's secret token (Google echoes the token on every notification). */
  tokenHash: string;
  expiresAt: string;
  /** Where incremental sync resumes; null until the first full sync. */
  syncToken: string | null;
  createdAt: string;
}

/**
 * How long a pre-read link keeps working, counted from when it was made: long enough to cover the
 * meeting it prepares, short enough that old meeting notes do not stay online for ever.
 */
export const preReadTimeToLiveDays = 30;

export interface GoogleAddonRepository {
  saveChannel(channel: Omit<GoogleWatchChannel, 'createdAt'>): Promise<void>;
  getChannel(channelId: string): Promise<GoogleWatchChannel | undefined>;
  /** This user's channels, newest first. */
  listChannels(key: UserKey): Promise<GoogleWatchChannel[]>;
  /** Channels that expire before `time`, for renewal. */
  listChannelsExpiringBefore(time: Date): Promise<GoogleWatchChannel[]>;
  setSyncToken(channelId: string, syncToken: string | null): Promise<void>;
  deleteChannel(channelId: string): Promise<void>;
  /** True for exactly one caller per user and event, however many notifications race. */
  claimEventPrompt(key: UserKey, eventId: string): Promise<boolean>;
  /** Frees a claim whose prompt could not be sent, so that the next notification tries again. */
  releaseEventPrompt(key: UserKey, eventId: string): Promise<void>;
  savePreRead(key: UserKey, id: string, content: unknown): Promise<void>;
  /** The pre-read, or undefined when unknown or older than `preReadTimeToLiveDays` (a 404 for the page). */
  getPreRead(id: string): Promise<unknown>;
  /** Deletes pre-reads past their time to live (for a scheduled clean-up); returns how many. */
  deleteExpiredPreReads(): Promise<number>;
}
