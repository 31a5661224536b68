import type { Store } from '../store/database.js';
import type { UserKey } from '../store/user-key.js';
import type { UserSettings, UserSettingsPatch } from '../store/user-settings.js';

/**
 * Settings read on every judge call, kept for a short while: a task pane judges on every edit of
 * the draft, and a database round trip per keystroke was a fifth of a request's time. A change
 * made through this server is seen at once; one made through another server within `ttlMs`.
 */
export class RecentSettings {
  private readonly entries = new Map<string, { settings: UserSettings; readAtMs: number }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: UserKey): Promise<UserSettings> {
    const id = `${key.tenantId}\n${key.userId}`;
    const entry = this.entries.get(id);
    if (entry && Date.now() - entry.readAtMs < this.ttlMs) return entry.settings;
    const settings = await this.store.settings.getSettings(key);
    this.remember(id, settings);
    return settings;
  }

  async put(key: UserKey, patch: UserSettingsPatch): Promise<UserSettings> {
    const settings = await this.store.settings.putSettings(key, patch);
    this.remember(`${key.tenantId}\n${key.userId}`, settings);
    return settings;
  }

  private remember(id: string, settings: UserSettings): void {
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { settings, readAtMs: Date.now() });
  }
}
