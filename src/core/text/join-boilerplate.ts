/**
 * Removes the join boilerplate that Teams, Zoom, Google Meet and Webex paste into invites (join
 * links, meeting IDs, passcodes, dial-in numbers). It says nothing about what the meeting is for,
 * and its words ("meeting", "join", "options") would only mislead the classifier.
 */

import { byFirstLetter } from './first-letter.js';
import { lineBreak } from './plain-searches.js';

/**
 * A line that starts a pasted join block. Exported for the test that the regrouped expression
 * below matches the same lines.
 */
export const joinBlockStarts = [
  String.raw`^microsoft teams (?:meeting|need help)`,
  String.raw`^join (?:zoom meeting|with google meet|webex meeting|the meeting now|on your computer|by phone|by video system|microsoft teams)`,
  String.raw`^(?:participer à la réunion google meet|participez à la réunion|rejoindre la réunion|unirse a la reunión|únete a la reunión|an zoom-meeting teilnehmen|an besprechung teilnehmen|participar da reunião|deelnemen aan)`,
  String.raw`^(?:click here to join|to join the video meeting|meeting (?:number|id)|access code|one tap mobile)`,
].join('|');
/** Regrouped under one anchor by first letter: a line is tried against the few starts of its letter. */
const joinBlockStart = new RegExp(byFirstLetter(joinBlockStarts), 'i');

/** Lines that are boilerplate wherever they stand (exported for the same test). */
export const boilerplateLines = [
  String.raw`^_{8,}$`,
  String.raw`^-{3,}$`,
  String.raw`^(?:microsoft teams|join (?:zoom meeting|with google meet|webex meeting|on the web|by phone|by video system|the meeting now|on your computer.*)|click here to join(?: the meeting)?)\b`,
  String.raw`^(?:meeting (?:id|number|password|link|options)|passcode|password|access code|phone conference id|conference id|pin|code)\s*[:：(]`,
  String.raw`^(?:download teams|find a local number|reset pin|learn more|meeting options|help|legal|privacy)(?:\s*\|.*)?$`,
  String.raw`^(?:or call in|call in|dial[- ]in|dial by your location|one tap mobile|more phone numbers|find your local number|global call-in numbers|tap to join from a mobile device|join from a video system|join by sip|need help\?)`,
  String.raw`^(?:participer par téléphone|autres numéros|unirse por teléfono|mais números|weitere telefonnummern|per telefon teilnehmen)`,
  String.raw`^(?:join via the teams link|use the teams link)`,
  // Headers of a forwarded e-mail pasted into the description.
  String.raw`^-*\s*(?:forwarded message|original message|mensaje reenviado|weitergeleitete nachricht|message transféré|mensagem encaminhada)\s*-*$`,
  String.raw`^(?:from|sent|to|cc|date|subject|de|enviado|para|asunto|von|gesendet|an|betreff|objet|envoyé|à|assunto|data)\s*:\s*\S.{0,200}$`,
  String.raw`^https?://\S+$`,
  String.raw`^\S*(?:zoom\.us|teams\.microsoft\.com|meet\.google\.com|webex\.com|tel\.meet|gotomeet)\S*$`,
].join('|');
const boilerplateLine = new RegExp(byFirstLetter(boilerplateLines), 'i');

/** A dial-in line: a phone number with a PIN, a country, or nothing much else. */
const phoneNumber = /\+?\(?\d[\d\s().-]{7,}\d/;
const dialInContext = /#|,,|\b(pin|id|code|toll|dial|tap|mobile|audio|conference|passcode)\b|\((?:[A-Z]{2})\)|\b(US|UK|CA|AU|DE|FR|ES|NL|JP|United States|United Kingdom|Canada|Australia|Germany|France)\b/i;

function isDialInLine(line: string): boolean {
  if (!phoneNumber.test(line)) return false;
  // A sentence that happens to hold a phone number is content, not a dial-in block.
  const words = line.replace(phoneNumber, ' ').match(/\p{L}{2,}/gu) ?? [];
  if (words.length > 10) return false;
  return words.length <= 3 || dialInContext.test(line);
}

/** A bullet in front of a line ("•", "·", "*", "-", "–"): the line is read without it. */
const startsWithBullet = (line: string) => {
  const code = line.charCodeAt(0);
  return code === 0x2d || code === 0x2a || code === 0x2022 || code === 0xb7 || code === 0x2013;
};
const leadingBullet = /^[•·*\-–]\s*/;
const endsSentenceOrLabel = /[.!?:]$/;

export function stripJoinBoilerplate(text: string): string {
  const kept: string[] = [];
  // Most texts lose no line: then the text itself is the answer, not the lines joined again.
  let changed = false;
  let inBlock = false;
  for (const rawLine of text.split(lineBreak)) {
    const line = rawLine.trim();
    if (line === '') {
      inBlock = false;
      kept.push('');
      if (rawLine !== '') changed = true;
      continue;
    }
    const bare = startsWithBullet(line) ? line.replace(leadingBullet, '') : line;
    // Inside a block already, whether the line starts one changes nothing.
    if (!inBlock) inBlock = joinBlockStart.test(bare);
    // Inside a join block, short lines (a URL's caption, a country name) are boilerplate too. Tested
    // first: such a line goes whatever the expressions below say, and they need not be tried.
    const shortInBlock = inBlock && bare.length < 60 && !endsSentenceOrLabel.test(bare);
    if (shortInBlock || boilerplateLine.test(bare) || isDialInLine(bare)) {
      changed = true;
      continue;
    }
    inBlock = false;
    kept.push(rawLine);
  }
  const joined = changed ? kept.join('\n') : text;
  return (joined.includes('\n\n\n') ? joined.replace(/\n{3,}/g, '\n\n') : joined).trim();
}
