/**
 * The batch run's bars on a terminal, read back through a small terminal: the text is laid out
 * in columns (Chinese characters two wide, wrapping at the edge), the cursor moves and lines are
 * cleared as the escape codes say. What stays on the screen is what a user sees.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Preflight } from '../../src/main/batch/preflight.js';
import { TextReporter } from '../../src/main/batch/progress.js';
import { displayWidth } from '../../src/main/cli/progress.js';

/** CSI sequences the reporter writes: cursor up (A), erase below (J), erase line (K). */
const ESCAPE = new RegExp(`^${String.fromCharCode(27)}\\[(\\d*)([AJK])`);

class Terminal {
  private lines: string[][] = [[]];
  private row = 0;
  private col = 0;
  wrapped = 0;

  constructor(readonly columns: number) {}

  write(data: string): void {
    for (let i = 0; i < data.length; ) {
      const esc = ESCAPE.exec(data.slice(i));
      if (esc) {
        const n = Number(esc[1] || 0);
        if (esc[2] === 'A') this.row = Math.max(0, this.row - n);
        else if (esc[2] === 'J') this.lines = [...this.lines.slice(0, this.row), this.line().slice(0, this.col)];
        else this.lines[this.row] = [];
        i += esc[0].length;
        continue;
      }
      const ch = String.fromCodePoint(data.codePointAt(i)!);
      i += ch.length;
      if (ch === '\n') this.moveTo(this.row + 1, 0);
      else if (ch === '\r') this.col = 0;
      else {
        const w = displayWidth(ch);
        if (this.col + w > this.columns) {
          this.wrapped++;
          this.moveTo(this.row + 1, 0);
        }
        const line = this.line();
        line.splice(this.col, w, ch, ...(w === 2 ? [''] : []));
        this.col += w;
      }
    }
  }

  screen(): string[] {
    const out = this.lines.map((l) => l.join('').trimEnd());
    while (out.length && out.at(-1) === '') out.pop();
    return out;
  }

  private line(): string[] {
    return (this.lines[this.row] ??= []);
  }

  private moveTo(row: number, col: number): void {
    this.row = row;
    this.col = col;
    this.line();
  }
}

function reporterOn(term: Terminal, language: 'zh-TW' | 'en') {
  const stream = { isTTY: true, columns: term.columns, write: (s: string) => (term.write(s), true) } as unknown as NodeJS.WriteStream;
  const out: string[] = [];
  const reporter = new TextReporter(language, { out: (l) => out.push(l), err: (l) => term.write(`${l}\n`) }, stream);
  const preflight = { items: [{}, {}, {}], credits: { total: 0, byProvider: {}, byKind: {} }, disk: { needed: 0, available: null, basis: { history: [], rule: [] } } } as unknown as Preflight;
  reporter.preflight('job.yaml', '/out', preflight, { run: 3, done: 0, failed: 0 }, undefined);
  return { reporter, out };
}

describe('batch bars on a terminal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  for (const language of ['zh-TW', 'en'] as const) {
    it(`${language}: bars redraw in place without wrapping, and only the item lines stay`, () => {
      const term = new Terminal(60);
      const { reporter, out } = reporterOn(term, language);
      reporter.itemStart('封面圖-新年快樂', 'social');
      reporter.itemStart('blog-item-with-a-long-id', 'blog');
      vi.advanceTimersByTime(150);
      reporter.progress('封面圖-新年快樂', 0.5, '正在產生圖片與文字說明，請稍候');
      vi.advanceTimersByTime(150);
      reporter.progress('blog-item-with-a-long-id', 0.25, 'writing the article body');

      const during = term.screen();
      expect(term.wrapped).toBe(0);
      for (const line of during) expect(displayWidth(line)).toBeLessThanOrEqual(59);
      // Two item lines, then a bar per running item and the total.
      expect(during).toHaveLength(5);
      expect(during[2]).toMatch(/^封面圖-新年快樂 +\[█{12}░{12}\] 50% 正在產/);
      expect(during[3]).toMatch(/^blog-item-with-a-lon \[█{6}░{18}\] 25%/);
      expect(during[4]).toMatch(/\[░{24}\] 0% 0\/3$/);

      reporter.itemDone('封面圖-新年快樂', [], 0, 1200);
      reporter.itemFailed('blog-item-with-a-long-id', { code: 'PROVIDER_AUTH_FAILED', message: 'boom', retryable: false });
      reporter.itemStart('三', 'video');
      reporter.itemDone('三', [], 0, 500);
      reporter.summary({ ok: 2, failed: 1, skipped: 0, reused: 0, credits: 0, interrupted: false, dependencySkipped: [] }, null);

      const after = term.screen();
      expect(term.wrapped).toBe(0);
      expect(after.join('\n')).not.toMatch(/[█░]/);
      expect(after).toHaveLength(6);
      expect(after[0]).toContain('封面圖-新年快樂');
      expect(after[2]).toContain('✔');
      expect(after[3]).toContain('boom');
      expect(after[5]).toContain('✔');
      expect(out.at(-1)).toMatch(/2/);
    });
  }
});
