/**
 * Removes personal and secret data from invite text before it leaves for a hosted LLM: e-mail
 * addresses, phone numbers, meeting IDs, passcodes and PINs, and the query strings of links
 * (which often carry tokens). What the meeting is about survives; who and how to dial in does not.
 */

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const url = /\b(?:https?:\/\/)?((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})(?::\d+)?(?:\/[^\s<>"]*|\?[^\s<>"]*)/giu;
/** "Meeting ID: 975 3318 2040", "Passcode: Ab12Cd", "PIN 312 664 085#": a label, then a code. */
const labelledCode =
  /\b(meeting id|conference id|phone conference id|passcode|password|pass code|pin|access code|participant code|mot de passe|passwort|kennwort|kenncode|código|codice|contraseña|senha|wachtwoord)\b(\s*[:#：]\s*|\s+)((?:\d[\d #-]*\d#?)|(?=[\p{L}\p{N}]*\d)[\p{L}\p{N}]{4,16})/giu;
const phone = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().,#*-]{6,}\d#?/gu;

export function redact(text: string): string {
  return text
    .replace(email, '[email]')
    .replace(url, (_match, host: string) => `[link: ${host}]`)
    .replace(labelledCode, (_match, label: string, separator: string) => `${label}${separator}[code]`)
    .replace(phone, (match) => (looksLikePhone(match) ? '[phone]' : match));
}

const amount = /^\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?$/;
const date = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;

function looksLikePhone(match: string): boolean {
  const trimmed = match.trim();
  return countDigits(trimmed) >= 7 && !amount.test(trimmed) && !date.test(trimmed);
}

function countDigits(text: string): number {
  let digits = 0;
  for (const char of text) if (char >= '0' && char <= '9') digits++;
  return digits;
}
