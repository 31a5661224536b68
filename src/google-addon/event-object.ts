import { z } from 'zod';

/**
 * The event object Google Workspace POSTs to every add-on endpoint (HTTP runtime), as far as the
 * Calendar add-on reads it. Field names follow Google's "Event objects" reference: a
 * `commonEventObject`, an `authorizationEventObject` with the user's tokens and granted scopes,
 * and for Calendar a `calendar` object that carries ids, organizer, attendees, conference data and
 * capabilities, but never the title, description or times. Unknown fields are kept (Google adds
 * some), and nothing but the shapes below is trusted.
 */

const stringInputs = z.object({ stringInputs: z.object({ value: z.array(z.string()) }).optional() }).loose();

export const commonEventObjectSchema = z
  .object({
    hostApp: z.string().optional(),
    platform: z.string().optional(),
    userLocale: z.string().optional(),
    timeZone: z.object({ id: z.string(), offset: z.union([z.number(), z.string()]).optional() }).loose().optional(),
    formInputs: z.record(z.string(), stringInputs).optional(),
    parameters: z.record(z.string(), z.string()).optional(),
  })
  .loose();

export const authorizationEventObjectSchema = z
  .object({
    userOAuthToken: z.string().optional(),
    userIdToken: z.string().optional(),
    systemIdToken: z.string().optional(),
    authorizedScopes: z.array(z.string()).optional(),
  })
  .loose();

export const addonAttendeeSchema = z
  .object({
    email: z.string().optional(),
    displayName: z.string().optional(),
    optional: z.boolean().optional(),
    organizer: z.boolean().optional(),
    self: z.boolean().optional(),
    resource: z.boolean().optional(),
    responseStatus: z.string().optional(),
    additionalGuests: z.number().optional(),
  })
  .loose();

export const calendarEventObjectSchema = z
  .object({
    calendarId: z.string().optional(),
    /** Absent, or unknown to the Calendar API, while the event is being created. */
    id: z.string().optional(),
    recurringEventId: z.string().optional(),
    organizer: z.object({ email: z.string().optional() }).loose().optional(),
    attendees: z.array(addonAttendeeSchema).optional(),
    conferenceData: z
      .object({ conferenceId: z.string().optional(), conferenceSolution: z.object({ name: z.string().optional() }).loose().optional(), entryPoints: z.array(z.object({ entryPointType: z.string().optional() }).loose()).optional() })
      .loose()
      .optional(),
    capabilities: z
      .object({
        canAddAttendees: z.boolean().optional(),
        canSeeAttendees: z.boolean().optional(),
        canSeeConferenceData: z.boolean().optional(),
        canSetConferenceData: z.boolean().optional(),
        canAddAttachments: z.boolean().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export const addonEventSchema = z
  .object({
    commonEventObject: commonEventObjectSchema.optional(),
    authorizationEventObject: authorizationEventObjectSchema.optional(),
    calendar: calendarEventObjectSchema.optional(),
  })
  .loose();

export type AddonEvent = z.infer<typeof addonEventSchema>;
export type CalendarEventObject = z.infer<typeof calendarEventObjectSchema>;

/** A button's parameter, or undefined. */
export function parameterOf(event: AddonEvent, key: string): string | undefined {
  return event.commonEventObject?.parameters?.[key];
}

/** A text input's value (first value), or undefined. */
export function formInputOf(event: AddonEvent, name: string): string | undefined {
  return event.commonEventObject?.formInputs?.[name]?.stringInputs?.value[0];
}
