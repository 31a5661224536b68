import { z } from 'zod';
import { judgeNames } from '../core/verdict.js';

/**
 * What a user may change about how Invite Challenger treats them. `null` for the hourly rate,
 * the currency and the judge means "whatever the server is configured with", so a change of the
 * server default reaches everyone who never chose.
 */

export const smartAlertModes = ['off', 'soft-block', 'prompt-user'] as const;
export type SmartAlertMode = (typeof smartAlertModes)[number];

/** Where a user wants "send as async thread" to offer to post; `copy` is the clipboard. */
export const settingsChannels = ['email', 'teams', 'gmail', 'google-chat', 'copy'] as const;
export type SettingsChannel = (typeof settingsChannels)[number];

/** `Intl` throws a RangeError for a zone it does not know, which is the check we want. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// One schema per field, shared by the full settings (with defaults) and the patch (without).
const fields = {
  hourlyRate: z.number().positive('must be a positive number').finite().nullable(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD or EUR')
    .nullable(),
  judgeMode: z.enum(judgeNames, { message: `must be one of ${judgeNames.join(', ')}` }).nullable(),
  smartAlertMode: z.enum(smartAlertModes, { message: `must be one of ${smartAlertModes.join(', ')}` }),
  reportOptIn: z.boolean(),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  channels: z
    .array(z.enum(settingsChannels, { message: `must be one of ${settingsChannels.join(', ')}` }))
    .refine((channels) => new Set(channels).size === channels.length, 'must not name a channel twice'),
};

export const userSettingsSchema = z.object({
  hourlyRate: fields.hourlyRate.default(null),
  currency: fields.currency.default(null),
  judgeMode: fields.judgeMode.default(null),
  smartAlertMode: fields.smartAlertMode.default('soft-block'),
  reportOptIn: fields.reportOptIn.default(true),
  timeZone: fields.timeZone.default('UTC'),
  channels: fields.channels.default((): SettingsChannel[] => ['email', 'teams', 'copy']),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

/** A change to some settings, as `PUT /api/settings` sends it: a misspelt field is an error, not ignored. */
export const userSettingsPatchSchema = z.strictObject(fields).partial();
export type UserSettingsPatch = z.infer<typeof userSettingsPatchSchema>;

/** A fresh copy each time, so that no caller can change the defaults of everyone else. */
export function defaultUserSettings(): UserSettings {
  return userSettingsSchema.parse({});
}
