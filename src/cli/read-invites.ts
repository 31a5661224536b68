import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InvalidInviteError, parseInvite, type Invite } from '../core/invite.js';

/**
 * Reads invites from a file or standard input: `.ics` (every VEVENT), `.json` (one Invite or an
 * array of them) or `.jsonl` (one per line). A bad event or line becomes a one-line problem naming
 * file, line and field; the good ones are still read. Input that is not text at all is refused.
 */

export type InviteFormat = 'ics' | 'json' | 'jsonl';

export interface InviteEntry {
  invite: Invite;
  /** The invite's own id, or file:line when it has none. */
  id: string;
  /** The record as written, for fields beyond the Invite (labels in `eval`). */
  record?: Record<string, unknown>;
  line?: number;
}

export interface InviteSource {
  entries: InviteEntry[];
  /** One line each: `file:line: field "x": problem`. */
  problems: string[];
}

/** The whole input is unusable (missing, empty, binary): nothing was read. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export async function readInviteSource(path: string, stdin: () => ByteSource): Promise<InviteSource> {
  const name = path === '-' ? 'stdin' : path;
  const bytes = path === '-' ? await readAll(stdin()) : await readFileOrExplain(path);
  const text = decodeText(bytes, name);
  return parseInviteText(text, name, formatFromName(path));
}

/** Where bytes come from: a file stream, standard input, or a test's array of buffers. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export async function readAll(source: ByteSource): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readFileOrExplain(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw explainReadError(path, error);
  }
}

/** A file that cannot be read, said in one line. */
export function explainReadError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${path}: no such file`);
  if (code === 'EISDIR') return new InputError(`${path}: is a directory, not a file`);
  if (code === 'EACCES') return new InputError(`${path}: permission denied`);
  return new InputError(`${path}: cannot read (${code ?? (error as Error).message})`);
}

export function decodeText(bytes: Uint8Array, name: string): string {
  refuseNonText(bytes, name);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new InputError(`${name}: not valid UTF-8 text (bad byte at offset ${offset})`);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new InputError(`${name}: empty input, no invites to judge`);
  return text;
}

/** Input that is empty, UTF-16 or binary is refused whole, before any line is read. */
export function refuseNonText(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw new InputError(`${name}: empty input, no invites to judge`);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) throw new InputError(`${name}: UTF-16 text; save it as UTF-8`);
  if (bytes.includes(0)) throw new InputError(`${name}: binary data, expected .ics, .json or .jsonl text`);
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    for (let next = 1; next < length; next++) if ((bytes[index + next]! & 0xc0) !== 0x80) return index;
    index += length;
  }
  return index;
}

export function formatFromName(path: string): InviteFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.ics':
    case '.ical':
    case '.ifb':
      return 'ics';
    case '.json':
      return 'json';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    default:
      return undefined;
  }
}

/** What the first characters alone tell: a calendar, a JSON array, or not yet known. */
export function formatByOpening(start: string): InviteFormat | undefined {
  if (/^BEGIN:V(CALENDAR|EVENT)/i.test(start)) return 'ics';
  if (start.startsWith('[')) return 'json';
  return undefined;
}

function sniffFormat(text: string): InviteFormat {
  const start = text.trimStart();
  const opening = formatByOpening(start);
  if (opening) return opening;
  const lines = start.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2 || parsesAsJson(start)) return 'json';
  // Several lines that are not one JSON document: JSON Lines if any line is an object, so that
  // one stray line is one error and the rest are still judged.
  return lines.some(isJsonObjectLine) ? 'jsonl' : 'json';
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function isJsonObjectLine(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Async only for calendars: ical.js is loaded the first time one is read, not by every run. */
export async function parseInviteText(text: string, name: string, format: InviteFormat = sniffFormat(text)): Promise<InviteSource> {
  const label = name === 'stdin' ? 'stdin' : basename(name);
  switch (format) {
    case 'ics':
      return fromIcs(text, name);
    case 'json':
      return fromJson(text, name, label);
    case 'jsonl':
      return fromJsonLines(text, name, label);
  }
}

async function fromIcs(text: string, name: string): Promise<InviteSource> {
  const { icsToInvites } = await import('../calendars/ics/ics-to-invites.js');
  const { invites, problems } = icsToInvites(text);
  return {
    entries: invites.map((invite, index) => ({ invite, id: invite.id ?? `${basename(name)}#${index + 1}` })),
    problems: problems.map((problem) =>
      [name, problem.line, problem.field && !problem.message.includes(`"${problem.field}"`) ? ` field "${problem.field}"` : '']
        .filter((part) => part !== undefined && part !== '')
        .join(':') + `: ${problem.message}`,
    ),
  };
}

function fromJson(text: string, name: string, label: string): InviteSource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries: [], problems: [`${name}:${jsonErrorLine(text, error)}: invalid JSON: ${jsonErrorMessage(error)}`] };
  }
  const records = Array.isArray(data) ? data : [data];
  const source: InviteSource = { entries: [], problems: [] };
  records.forEach((record, index) => {
    const where = Array.isArray(data) ? `${name}: item ${index + 1}` : name;
    addRecord(source, record, where, `${label}#${index + 1}`);
  });
  return source;
}

function fromJsonLines(text: string, name: string, label: string): InviteSource {
  const source: InviteSource = { entries: [], problems: [] };
  text.split('\n').forEach((line, index) => addJsonLine(source, line, index + 1, name, label));
  return source;
}

/** One line of JSON Lines: an invite, a one-line problem, or nothing when it is blank. */
export function addJsonLine(source: InviteSource, line: string, lineNumber: number, name: string, label: string): void {
  if (line.trim() === '') return;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    source.problems.push(`${name}:${lineNumber}: invalid JSON: ${jsonErrorMessage(error)}`);
    return;
  }
  addRecord(source, record, `${name}:${lineNumber}`, `${label}:${lineNumber}`, lineNumber);
}

function addRecord(source: InviteSource, record: unknown, where: string, fallbackId: string, line?: number): void {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    const got = record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record;
    source.problems.push(`${where}: expected an invite object, got ${got}`);
    return;
  }
  try {
    const invite = parseInvite(record);
    source.entries.push({ invite, id: invite.id ?? fallbackId, record: record as Record<string, unknown>, line });
  } catch (error) {
    if (!(error instanceof InvalidInviteError)) throw error;
    source.problems.push(`${where}: ${error.message}`);
  }
}

/** V8's JSON messages quote the input; keep them to one short line. */
function jsonErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 120);
}

function jsonErrorLine(text: string, error: unknown): number {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!position) return 1;
  return text.slice(0, Number(position[1])).split('\n').length;
}
