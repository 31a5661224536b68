import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  addJsonLine,
  decodeText,
  explainReadError,
  formatByOpening,
  formatFromName,
  InputError,
  isJsonObjectLine,
  parseInviteText,
  refuseNonText,
  type ByteSource,
  type InviteSource,
} from './read-invites.js';

/**
 * Reads invites in batches, so `check` can judge and print a 200,000-line file while holding only
 * one batch of it. JSON Lines stream line by line; an .ics calendar or a JSON document is one
 * whole text (its structure needs all of it) and comes as one batch.
 *
 * The format is the extension's; without one, the start of the input decides: any line of it that
 * is a JSON object means JSON Lines. Small inputs (read whole while peeking) are sniffed exactly
 * as `readInviteSource` does, so a stray first line does not hide the objects after it.
 */

export interface BatchOptions {
  /** Entries and problems per batch. */
  batchSize?: number;
  /** Called with the bytes read so far, for a progress line. */
  onBytes?: (bytesRead: number) => void;
}

/** Enough to see the first line of any sensible JSON Lines file and the start of a calendar. */
const peekBytes = 64 * 1024;

export interface OpenedInput {
  name: string;
  /** Null for standard input. */
  sizeBytes: number | null;
  batches: AsyncGenerator<InviteSource>;
}

export async function openInviteBatches(path: string, stdin: () => ByteSource, options: BatchOptions = {}): Promise<OpenedInput> {
  if (path === '-') return { name: 'stdin', sizeBytes: null, batches: readBatches(stdin(), 'stdin', undefined, options) };
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    sizeBytes = info.size;
  } catch (error) {
    throw explainReadError(path, error);
  }
  const stream = createReadStream(path, { highWaterMark: peekBytes });
  return { name: path, sizeBytes, batches: readBatches(explainingErrors(stream, path), path, formatFromName(path), options) };
}

async function* explainingErrors(source: AsyncIterable<Uint8Array>, path: string): AsyncGenerator<Uint8Array> {
  try {
    yield* source;
  } catch (error) {
    throw explainReadError(path, error);
  }
}

async function* readBatches(
  source: ByteSource,
  name: string,
  formatByName: ReturnType<typeof formatFromName>,
  { batchSize = 1000, onBytes }: BatchOptions,
): AsyncGenerator<InviteSource> {
  const chunks = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]?.() ?? toAsync((source as Iterable<Uint8Array>)[Symbol.iterator]());
  let bytesRead = 0;
  const nextChunk = async (): Promise<Uint8Array | undefined> => {
    const next = await chunks.next();
    if (next.done) return undefined;
    bytesRead += next.value.length;
    onBytes?.(bytesRead);
    return next.value;
  };

  // Peek: read until there is enough to decide, or the input ends.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < peekBytes) {
    const chunk = await nextChunk();
    if (!chunk) {
      ended = true;
      break;
    }
    head.push(chunk);
    headLength += chunk.length;
  }
  const start = Buffer.concat(head);
  if (ended) {
    yield await parseInviteText(decodeText(start, name), name, formatByName);
    return;
  }
  const format = formatByName ?? (peekLooksLikeJsonLines(start) ? 'jsonl' : undefined);
  if (format !== 'jsonl') {
    // A calendar or a JSON document: its structure needs the whole text.
    const rest: Uint8Array[] = [start];
    for (let chunk = await nextChunk(); chunk; chunk = await nextChunk()) rest.push(chunk);
    yield await parseInviteText(decodeText(Buffer.concat(rest), name), name, format);
    return;
  }

  refuseNonText(start, name);
  const label = name === 'stdin' ? 'stdin' : basename(name);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let batch: InviteSource = { entries: [], problems: [] };
  let carried = '';
  let lineNumber = 0;
  let decodedBytes = 0;
  const decode = (chunk: Uint8Array, last: boolean): string => {
    try {
      return decoder.decode(chunk, { stream: !last });
    } catch {
      throw new InputError(`${name}: not valid UTF-8 text (a bad byte after offset ${decodedBytes}, line ${lineNumber + 1})`);
    } finally {
      decodedBytes += chunk.length;
    }
  };
  for (let chunk: Uint8Array | undefined = start; chunk; chunk = await nextChunk()) {
    const text = carried + decode(chunk, false);
    const lines = text.split('\n');
    carried = lines.pop()!;
    for (const line of lines) {
      lineNumber++;
      addJsonLine(batch, lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line, lineNumber, name, label);
      if (batch.entries.length + batch.problems.length >= batchSize) {
        yield batch;
        batch = { entries: [], problems: [] };
      }
    }
  }
  carried += decode(new Uint8Array(0), true);
  if (carried !== '') addJsonLine(batch, carried, ++lineNumber, name, label);
  if (batch.entries.length + batch.problems.length > 0) yield batch;
}

/**
 * JSON Lines when any whole line of the peek is a JSON object, so a stray first line still
 * streams. A pretty-printed JSON document (its nested objects stand on indented lines) does not
 * count: only the first line or an unindented one may be the object.
 */
function peekLooksLikeJsonLines(start: Buffer): boolean {
  const text = start.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (formatByOpening(text)) return false;
  const wholeLines = text.split('\n').slice(0, -1);
  return wholeLines.some((line, index) => (index === 0 || !/^\s/.test(line)) && isJsonObjectLine(line));
}

async function* toAsync(iterator: Iterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
}
