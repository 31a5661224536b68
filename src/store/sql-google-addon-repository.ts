import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { preReadTimeToLiveDays, type GoogleAddonRepository, type GoogleWatchChannel } from './google-addon-repository.js';
import { fromJsonText, toJsonText } from './json-text.js';
import { ensureUserRow } from './sql-user-repository.js';
import { requireUserKey, type UserKey } from './user-key.js';

export interface GoogleWatchChannelTable {
  channel_id: string;
  tenant_id: string;
  user_id: string;
  user_email: string;
  calendar_id: string;
  resource_id: string;
  token_hash: string;
  expires_at: string;
  sync_token: string | null;
  created_at: string;
}

export interface GoogleEventPromptTable {
  tenant_id: string;
  user_id: string;
  event_id: string;
  created_at: string;
}

export interface GooglePreReadTable {
  id: string;
  tenant_id: string;
  user_id: string;
  content_json: string;
  created_at: string;
}

export class SqlGoogleAddonRepository implements GoogleAddonRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  async saveChannel(channel: Omit<GoogleWatchChannel, 'createdAt'>): Promise<void> {
    requireUserKey(channel);
    const now = this.clock().toISOString();
    await ensureUserRow(this.db, channel, now);
    await this.db
      .insertInto('google_watch_channels')
      .values({
        channel_id: channel.channelId,
        tenant_id: channel.tenantId,
        user_id: channel.userId,
        user_email: channel.userEmail,
        calendar_id: channel.calendarId,
        resource_id: channel.resourceId,
        token_hash: channel.tokenHash,
        expires_at: channel.expiresAt,
        sync_token: channel.syncToken,
        created_at: now,
      })
      .execute();
  }

  async getChannel(channelId: string): Promise<GoogleWatchChannel | undefined> {
    const row = await this.db.selectFrom('google_watch_channels').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
    return row ? channelOf(row) : undefined;
  }

  async listChannels(key: UserKey): Promise<GoogleWatchChannel[]> {
    const { tenantId, userId } = requireUserKey(key);
    const rows = await this.db.selectFrom('google_watch_channels').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('channel_id').execute();
    return rows.map(channelOf);
  }

  async listChannelsExpiringBefore(time: Date): Promise<GoogleWatchChannel[]> {
    const rows = await this.db.selectFrom('google_watch_channels').selectAll().where('expires_at', '<', time.toISOString()).orderBy('expires_at').execute();
    return rows.map(channelOf);
  }

  async setSyncToken(channelId: string, syncToken: string | null): Promise<void> {
    await this.db.updateTable('google_watch_channels').set({ sync_token: syncToken }).where('channel_id', '=', channelId).execute();
  }

  async deleteChannel(channelId: string): Promise<void> {
    await this.db.deleteFrom('google_watch_channels').where('channel_id', '=', channelId).execute();
  }

  async claimEventPrompt(key: UserKey, eventId: string): Promise<boolean> {
    const { tenantId, userId } = requireUserKey(key);
    const now = this.clock().toISOString();
    await ensureUserRow(this.db, key, now);
    const inserted = await this.db
      .insertInto('google_event_prompts')
      .values({ tenant_id: tenantId, user_id: userId, event_id: eventId, created_at: now })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async releaseEventPrompt(key: UserKey, eventId: string): Promise<void> {
    const { tenantId, userId } = requireUserKey(key);
    await this.db.deleteFrom('google_event_prompts').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('event_id', '=', eventId).execute();
  }

  async savePreRead(key: UserKey, id: string, content: unknown): Promise<void> {
    const { tenantId, userId } = requireUserKey(key);
    const now = this.clock().toISOString();
    await ensureUserRow(this.db, key, now);
    await this.db.insertInto('google_pre_reads').values({ id, tenant_id: tenantId, user_id: userId, content_json: toJsonText(content) ?? 'null', created_at: now }).execute();
  }

  async getPreRead(id: string): Promise<unknown> {
    // Expiry is enforced here, not only by the clean-up: a link past its time is gone even if no job ran.
    const row = await this.db.selectFrom('google_pre_reads').select('content_json').where('id', '=', id).where('created_at', '>=', this.preReadCutoff()).executeTakeFirst();
    return row ? fromJsonText(row.content_json) : undefined;
  }

  async deleteExpiredPreReads(): Promise<number> {
    const result = await this.db.deleteFrom('google_pre_reads').where('created_at', '<', this.preReadCutoff()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Pre-reads made before this instant are expired (created_at is an ISO-8601 UTC string, so text order is time order). */
  private preReadCutoff(): string {
    return new Date(this.clock().getTime() - preReadTimeToLiveDays * 24 * 60 * 60 * 1000).toISOString();
  }
}

function channelOf(row: GoogleWatchChannelTable): GoogleWatchChannel {
  return {
    channelId: row.channel_id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    userEmail: row.user_email,
    calendarId: row.calendar_id,
    resourceId: row.resource_id,
    tokenHash: row.token_hash,
    expiresAt: row.expires_at,
    syncToken: row.sync_token,
    createdAt: row.created_at,
  };
}
