/**
 * One status line on stderr while a large input is judged: invites so far, share of the file
 * read, rate. It appears only for inputs of a megabyte or more (a small file is done before a
 * person could read it) and is redrawn at most four times a second.
 */

const largeInputBytes = 1024 * 1024;
const redrawMilliseconds = 250;

export class ProgressLine {
  private readonly started = performance.now();
  private lastDrawn = 0;
  private bytes = 0;
  private sizeBytes: number | null = null;
  private invites = 0;
  private shown = false;
  /** Cleared for other output: drawn again at once rather than left blank until the next tick. */
  private redrawNow = false;

  constructor(
    private readonly write: (line: string) => void,
    private readonly name: string,
  ) {}

  setSize(sizeBytes: number | null): void {
    this.sizeBytes = sizeBytes;
  }

  readBytes(bytes: number): void {
    this.bytes = bytes;
  }

  judged(invites: number): void {
    this.invites += invites;
    const now = performance.now();
    if (now - this.lastDrawn < redrawMilliseconds && !this.redrawNow) return;
    if (Math.max(this.bytes, this.sizeBytes ?? 0) < largeInputBytes) return;
    this.lastDrawn = now;
    const seconds = (now - this.started) / 1000;
    const share = this.sizeBytes ? ` · ${Math.min(100, Math.floor((this.bytes / this.sizeBytes) * 100))} % read` : '';
    this.write(`${this.name}: ${this.invites.toLocaleString('en-US')} invites judged${share} · ${Math.round(this.invites / seconds).toLocaleString('en-US')}/s`);
    this.shown = true;
    this.redrawNow = false;
  }

  /** Wipes the line before other output, so it never interleaves with verdicts or errors. */
  clear(): void {
    if (!this.shown) return;
    this.write('');
    this.shown = false;
    this.redrawNow = true;
  }
}
