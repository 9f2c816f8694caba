/** One bar as a line of text: `label [████░░░░] 50% detail` (also drawn several at once by `kingjam batch run`). */
export function barLine(label: string, done: number, total: number, detail = ''): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const width = 24;
  const filled = Math.round(fraction * width);
  return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${detail}`.trimEnd();
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
    if (this.tty) this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 100) - 1)}`);
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
