/** One bar as a line of text: `label [████░░░░] 50% detail` (also drawn several at once by `kingjam batch run`). */
export function barLine(label: string, done: number, total: number, detail = ''): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const width = 24;
  const filled = Math.round(fraction * width);
  return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${detail}`.trimEnd();
}

/** Code points a terminal draws two columns wide (East Asian Wide and Fullwidth: CJK, kana, Hangul, fullwidth forms). */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns a terminal gives the text (Chinese characters take two). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

/**
 * The text cut to fit `columns` terminal columns. A line drawn in place must never wrap: the
 * redraw moves the cursor up by the lines it wrote, and a wrapped line (Chinese text measured by
 * its length instead of its columns) would leave pieces of old bars on the screen.
 */
export function fitColumns(text: string, columns: number): string {
  let w = 0;
  let out = '';
  for (const ch of text) {
    w += isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (w > columns) break;
    out += ch;
  }
  return out;
}

/** A label padded with spaces to `columns` terminal columns (cut first when longer). */
export function padColumns(text: string, columns: number): string {
  const fitted = fitColumns(text, columns);
  return fitted + ' '.repeat(columns - displayWidth(fitted));
}

/**
 * A one-line progress bar on stderr when it is a terminal; plain lines
 * otherwise (CI logs, pipes), so output stays readable either way.
 */
export class ProgressBar {
  private lastLine = '';
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(done: number, total: number, detail = ''): void {
    const line = barLine(this.label, done, total, detail);
    if (line === this.lastLine) return;
    this.lastLine = line;
    if (this.tty) this.stream.write(`\r\x1b[2K${fitColumns(line, (this.stream.columns ?? 100) - 1)}`);
  }

  /** A line that stays (a finished item), printed above the bar. */
  log(line: string): void {
    if (this.tty) this.stream.write(`\r\x1b[2K${line}\n${this.lastLine}`);
    else this.stream.write(`${line}\n`);
  }

  finish(): void {
    if (this.tty && this.lastLine) this.stream.write(`\r\x1b[2K${this.lastLine}\n`);
  }
}
