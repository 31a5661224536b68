import type { Attendee, Invite } from './invite.js';
import { RecentlyRead } from './recently-read.js';

/**
 * Who is in the meeting, as far as the judgment cares: how many people, and whether anyone comes
 * from outside the organiser's organisation (customers, candidates, suppliers, partners).
 */

/** Leading labels that name a mail server or a region, not an organisation. */
const genericLabels = new Set(['mail', 'email', 'corp', 'ad', 'internal', 'global', 'staff', 'students', 'us', 'eu', 'uk', 'de', 'fr', 'emea', 'apac', 'na']);
const longestGenericLabel = Math.max(...[...genericLabels].map((label) => label.length));

function organisationDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  let domain = email.slice(at + 1).trim().toLowerCase();
  // A label longer than every generic one is not looked up (no string is cut for it).
  for (let dot = domain.indexOf('.'); dot > 0 && dot <= longestGenericLabel && domain.indexOf('.', dot + 1) > 0 && genericLabels.has(domain.slice(0, dot)); dot = domain.indexOf('.')) {
    domain = domain.slice(dot + 1);
  }
  return domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.') ? domain : null;
}

/** Same organisation when one domain is the other or a subdomain of it (ect.enron.com ~ enron.com). */
function sameOrganisation(a: string, b: string): boolean {
  return a === b || isSubdomain(a, b) || isSubdomain(b, a);
}

/** `sub` ends with "." + `domain` (written out: no string is built for the test). */
function isSubdomain(sub: string, domain: string): boolean {
  return sub.length > domain.length && sub.endsWith(domain) && sub.charCodeAt(sub.length - domain.length - 1) === 46; // "."
}

/** Attendees (not rooms) whose organisation differs from the organiser's. */
export function externalAttendees(invite: Pick<Invite, 'organizer' | 'attendees'>): string[] {
  const groups = groupFlags(invite.attendees);
  const people = invite.attendees.filter((attendee, index) => attendee.type !== 'resource' && !groups[index]);
  // Home is the organiser's domain, or failing that the most common attendee domain.
  const organizerEmail = invite.organizer?.email;
  const own = organizerEmail ? organisationDomain(organizerEmail) : null;
  const home = own ?? mostCommonDomain(people);
  if (!home) return [];
  // An address ending in the organiser's "@domain" (its last "@" on) has the very text the
  // organiser's domain was worked out from, so it is at home: most attendees, and no strings are
  // cut and lower-cased for them.
  const ownSuffix = own !== null ? organizerEmail!.slice(organizerEmail!.lastIndexOf('@')) : null;
  const outsiders: string[] = [];
  for (const person of people) {
    if (ownSuffix !== null && person.email.endsWith(ownSuffix)) continue;
    const domain = organisationDomain(person.email);
    if (domain !== null && !sameOrganisation(domain, home)) outsiders.push(domain);
  }
  return outsiders;
}

function mostCommonDomain(attendees: readonly Pick<Attendee, 'email'>[]): string | null {
  const counts = new Map<string, number>();
  for (const { email } of attendees) {
    const domain = organisationDomain(email);
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [domain, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = domain;
  return best;
}

/** Addresses and names that stand for many people: "All Staff", "team@", "dl-sales@", "everyone@". */
const groupLocalPart = /^(?:all|everyone|staff|team|teams|dl|list|lists|group|groups|dept|department|announce(?:ments)?)(?:$|[-._])|[-._](?:all|everyone|staff|team|list|dl|group|dept)$/i;
const groupName = /\b(?:all[- ](?:staff|hands|employees|company|team)|everyone|distribution list|mailing list|dl|staff|team|department|group)\b/i;

export function isGroupAddress(attendee: Pick<Attendee, 'email' | 'name' | 'type'>): boolean {
  return attendee.type === 'group' || looksLikeGroup(attendee);
}

/** Counting people, finding outsiders and listing groups all ask about the same attendee list. */
const groupAnswers = new RecentlyRead<readonly Pick<Attendee, 'email' | 'name' | 'type'>[], readonly boolean[]>(16);

/** `isGroupAddress` for each attendee of the list, by position. */
export function groupFlags(attendees: readonly Pick<Attendee, 'email' | 'name' | 'type'>[]): readonly boolean[] {
  return groupAnswers.get(attendees, (list) => list.map(isGroupAddress));
}

/**
 * No pre-check for group words first: both patterns are short and fail fast, and a pre-check
 * ("all|every|staff|…" anywhere in the address or the name) cost more than it saved.
 */
function looksLikeGroup(attendee: Pick<Attendee, 'email' | 'name'>): boolean {
  const local = attendee.email.slice(0, Math.max(0, attendee.email.indexOf('@')));
  return groupLocalPart.test(local) || (attendee.name !== undefined && groupName.test(attendee.name));
}
