import { z } from 'zod';

/**
 * The subset of Google's card format (Cards v1, `google.apps.card.v1`) the add-on draws, written
 * from the documented fields, with the add-on's responses around it. The types the card builders
 * return are inferred from these schemas, and tests validate every card against them, so a card
 * Google would reject fails here first. Documented limits: at most 100 widgets and 100 sections
 * a card; images and icons by HTTPS URL, never SVG.
 */

export const maxWidgets = 100;
export const maxSections = 100;

const httpsUrl = z
  .string()
  .regex(/^https:\/\//, 'cards load images over HTTPS only')
  .refine((url) => !/\.svg(\?|#|$)/i.test(url), 'cards cannot show SVG images');

export const knownIcons = ['AIRPLANE', 'BOOKMARK', 'BUS', 'CAR', 'CLOCK', 'CONFIRMATION_NUMBER_ICON', 'DESCRIPTION', 'DOLLAR', 'EMAIL', 'EVENT_SEAT', 'FLIGHT_ARRIVAL', 'FLIGHT_DEPARTURE', 'HOTEL', 'HOTEL_ROOM_TYPE', 'INVITE', 'MAP_PIN', 'MEMBERSHIP', 'MULTIPLE_PEOPLE', 'PERSON', 'PHONE', 'RESTAURANT_ICON', 'SHOPPING_CART', 'STAR', 'STORE', 'TICKET', 'TRAIN', 'VIDEO_CAMERA', 'VIDEO_PLAY'] as const;

export const iconSchema = z.union([
  z.strictObject({ knownIcon: z.enum(knownIcons), altText: z.string().optional() }),
  z.strictObject({ iconUrl: httpsUrl, altText: z.string().optional(), imageType: z.enum(['SQUARE', 'CIRCLE']).optional() }),
]);

/** An action calls one of our endpoints (HTTP runtime: `function` is the URL). */
export const actionSchema = z.strictObject({
  function: z.string().regex(/^https?:\/\//, 'an HTTP add-on action names the endpoint URL'),
  parameters: z.array(z.strictObject({ key: z.string().min(1), value: z.string() })).optional(),
  loadIndicator: z.enum(['SPINNER', 'NONE']).optional(),
  persistValues: z.boolean().optional(),
  requiredWidgets: z.array(z.string()).optional(),
});

export const onClickSchema = z.union([
  z.strictObject({ action: actionSchema }),
  z.strictObject({ openLink: z.strictObject({ url: z.string().regex(/^https?:\/\//), openAs: z.enum(['FULL_SIZE', 'OVERLAY']).optional(), onClose: z.enum(['NOTHING', 'RELOAD']).optional() }) }),
]);

export const buttonSchema = z.strictObject({
  text: z.string().min(1).max(200),
  icon: iconSchema.optional(),
  onClick: onClickSchema,
  disabled: z.boolean().optional(),
  altText: z.string().optional(),
  type: z.enum(['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']).optional(),
});

const textParagraph = z.strictObject({ text: z.string(), maxLines: z.number().int().positive().optional() });
const decoratedText = z.strictObject({
  topLabel: z.string().optional(),
  text: z.string(),
  bottomLabel: z.string().optional(),
  wrapText: z.boolean().optional(),
  startIcon: iconSchema.optional(),
  button: buttonSchema.optional(),
});
const textInput = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  label: z.string().optional(),
  hintText: z.string().optional(),
  value: z.string().optional(),
  type: z.enum(['SINGLE_LINE', 'MULTIPLE_LINE']).optional(),
});
const selectionInput = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  label: z.string().optional(),
  type: z.enum(['CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN']),
  items: z.array(z.strictObject({ text: z.string(), value: z.string(), selected: z.boolean().optional() })).min(1),
});

/** A widget is exactly one of the kinds. */
export const widgetSchema = z.union([
  z.strictObject({ textParagraph }),
  z.strictObject({ decoratedText }),
  z.strictObject({ buttonList: z.strictObject({ buttons: z.array(buttonSchema).min(1) }) }),
  z.strictObject({ textInput }),
  z.strictObject({ selectionInput }),
  z.strictObject({ divider: z.strictObject({}) }),
]);

export const sectionSchema = z.strictObject({
  header: z.string().optional(),
  collapsible: z.boolean().optional(),
  uncollapsibleWidgetsCount: z.number().int().nonnegative().optional(),
  widgets: z.array(widgetSchema).min(1),
});

export const cardSchema = z
  .strictObject({
    name: z.string().optional(),
    header: z.strictObject({ title: z.string().min(1), subtitle: z.string().optional(), imageUrl: httpsUrl.optional(), imageType: z.enum(['SQUARE', 'CIRCLE']).optional(), imageAltText: z.string().optional() }).optional(),
    sections: z.array(sectionSchema).min(1).max(maxSections),
    fixedFooter: z.strictObject({ primaryButton: buttonSchema, secondaryButton: buttonSchema.optional() }).optional(),
  })
  .refine((card) => card.sections.reduce((count, section) => count + section.widgets.length, 0) <= maxWidgets, `a card holds at most ${maxWidgets} widgets`);

export type Card = z.infer<typeof cardSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Widget = z.infer<typeof widgetSchema>;
export type Button = z.infer<typeof buttonSchema>;
export type CardAction = z.infer<typeof actionSchema>;

const navigation = z.union([z.strictObject({ pushCard: cardSchema }), z.strictObject({ updateCard: cardSchema })]);

/** What a homepage or contextual trigger returns: a card pushed onto the add-on's stack. */
export const triggerResponseSchema = z.strictObject({ action: z.strictObject({ navigations: z.array(navigation).min(1) }) });

const addonAttachment = z.strictObject({ resourceUrl: z.string().regex(/^https?:\/\//), title: z.string().min(1), mimeType: z.string().optional(), iconUrl: httpsUrl.optional() });

/** What a button's endpoint returns. */
export const actionResponseSchema = z.strictObject({
  renderActions: z.union([
    z.strictObject({ action: z.strictObject({ navigations: z.array(navigation).optional(), notification: z.strictObject({ text: z.string().min(1) }).optional() }) }),
    z.strictObject({ hostAppAction: z.strictObject({ calendarAction: z.strictObject({ addAttachmentsActionMarkup: z.strictObject({ addonAttachments: z.array(addonAttachment).min(1) }) }) }) }),
  ]),
});

/** Granular consent: Google asks the user for these scopes, then calls again. */
export const scopeRequestSchema = z.strictObject({ requesting_google_scopes: z.strictObject({ scopes: z.array(z.string().startsWith('https://www.googleapis.com/auth/')).min(1) }) });

export const addonResponseSchema = z.union([triggerResponseSchema, actionResponseSchema, scopeRequestSchema]);
export type TriggerResponse = z.infer<typeof triggerResponseSchema>;
export type ActionResponse = z.infer<typeof actionResponseSchema>;
export type ScopeRequest = z.infer<typeof scopeRequestSchema>;
export type AddonResponse = z.infer<typeof addonResponseSchema>;
