import type { Timeline } from '../../../shared/timeline.js';
import { defaultCaptionSize } from '../../../shared/timeline.js';
import { faceRuns } from '../fonts.js';
import type { CaptionFonts } from '../fonts.js';

/** A caption placed on the output timeline (seconds). */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** "#RRGGBB" + alpha (0 opaque … 255 clear) → ASS "&HAABBGGRR". */
export function assColor(hex: string, alpha = 0): string {
  const r = hex.slice(1, 3);
  const g = hex.slice(3, 5);
  const b = hex.slice(5, 7);
  const a = alpha.toString(16).padStart(2, '0');
  return `&H${a}${b}${g}${r}`.toUpperCase();
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f000 && cp <= 0x1faff) || // emoji: about 1 em wide, and a break opportunity like a CJK character
    cp >= 0x20000
  );
}

/** Punctuation that may not start a line (Chinese/Japanese line-breaking rule): it sticks to the token before it. */
const NO_LINE_START = new Set([...'，。、！？；：」』）》〉】〕…,.!?;:)]}%']);

function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (isWide(cp)) return 1;
  if (ch === ' ') return 0.28;
  if (/[A-Z0-9MW]/.test(ch)) return 0.62;
  return 0.52;
}

/**
 * Breaks a caption into lines that fit `maxWidthPx` at `fontSizePx`. libass
 * only breaks at spaces (the Unicode line breaker is off in ffmpeg's build),
 * which would run a Chinese sentence off the frame; so we break ourselves:
 * between any two CJK characters, at spaces in Latin text.
 */
export function wrapCaption(text: string, fontSizePx: number, maxWidthPx: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r/g, '').split('\n')) {
    const tokens: string[] = [];
    let word = '';
    for (const ch of paragraph) {
      const cp = ch.codePointAt(0)!;
      if (NO_LINE_START.has(ch)) {
        if (word) word += ch;
        else if (tokens.length) tokens[tokens.length - 1] += ch;
        else word = ch;
      } else if (isWide(cp)) {
        if (word) tokens.push(word);
        word = '';
        tokens.push(ch);
      } else if (ch === ' ') {
        word += ch;
        tokens.push(word);
        word = '';
      } else {
        word += ch;
      }
    }
    if (word) tokens.push(word);

    let line = '';
    let width = 0;
    for (const tok of tokens) {
      const w = [...tok].reduce((s, c) => s + charWidthEm(c), 0) * fontSizePx;
      if (line && width + w > maxWidthPx) {
        out.push(line.trimEnd());
        line = tok.trimStart();
        width = [...line].reduce((s, c) => s + charWidthEm(c), 0) * fontSizePx;
      } else {
        line += tok;
        width += w;
      }
    }
    out.push(line.trimEnd());
  }
  return out.filter((l, i, all) => l.length > 0 || (i > 0 && i < all.length - 1));
}

function assTime(sec: number): string {
  const cs = Math.max(0, Math.round(sec * 100));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(c).padStart(2, '0')}`;
}

function srtTime(sec: number): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
}

/**
 * Caption text as ASS, to be drawn literally. libass reads `\N`, `\n`, `\h`,
 * `\{` and `\}` as escapes and has no escape for a backslash itself ("\\" is
 * a backslash followed by whatever "\" + the next character means), so a
 * word joiner (U+2060, invisible, no glyph needed) goes after every
 * backslash to keep it from pairing with the next character; braces, which
 * would open an override block, are escaped.
 */
export function assEscape(text: string): string {
  return text.replace(/\\/g, '\\\u2060').replace(/\{/g, '\\{').replace(/\}/g, '\\}');
}

/** Lines of one caption as ASS text: escaped, joined by \N, with a \fn switch wherever the face changes (see fonts.ts). */
export function assText(lines: string[], whole: string, fonts: CaptionFonts, styleFamily: string): string {
  let current = styleFamily;
  return lines
    .map((line) =>
      faceRuns(line, fonts, whole)
        .map((run) => {
          const tag = run.face.family === current ? '' : `{\\fn${run.face.family}}`;
          current = run.face.family;
          return tag + assEscape(run.text);
        })
        .join(''),
    )
    .join('\\N');
}

const WATERMARK_ALIGN = { 'bottom-left': 1, 'bottom-right': 3, 'top-left': 7, 'top-right': 9 } as const;
const CAPTION_ALIGN = { bottom: 2, middle: 5, top: 8 } as const;

export interface AssOptions {
  width: number;
  height: number;
  fonts: CaptionFonts;
  style: Timeline['subtitles'];
  watermark: Timeline['watermark'];
  durationSec: number;
}

/** The ASS script: one style for captions, one for the watermark, play resolution = output size so sizes are in output pixels. */
export function buildAss(cues: Cue[], o: AssOptions): string {
  const size = o.style.size ?? defaultCaptionSize(o.height);
  const margin = Math.round(Math.min(o.width, o.height) * 0.06);
  const marginV = Math.round(o.height * (o.style.position === 'middle' ? 0 : 0.08));
  const outlinePx = Math.max(1, Math.round(size / 16));
  const wmSize = Math.max(10, Math.round(o.height / 48));
  const family = o.fonts.faces[0]!.family;
  const lines = [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${o.width}`,
    `PlayResY: ${o.height}`,
    'WrapStyle: 2', // we wrap ourselves (see wrapCaption); 2 = no automatic wrapping
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: TV.709',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: Caption,${family},${size},${assColor(o.style.color)},${assColor(o.style.color)},${assColor(o.style.outline)},${assColor('#000000', 0x80)},0,0,0,0,100,100,0,0,1,${outlinePx},${Math.max(0, outlinePx - 1)},${CAPTION_ALIGN[o.style.position]},${margin},${margin},${marginV},1`,
    `Style: Watermark,${family},${wmSize},${assColor('#FFFFFF', 0x50)},${assColor('#FFFFFF', 0x50)},${assColor('#000000', 0xa0)},${assColor('#000000', 0xff)},0,0,0,0,100,100,0,0,1,1,0,${o.watermark ? WATERMARK_ALIGN[o.watermark.position] : 3},${margin},${margin},${margin},1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ];
  const maxWidth = o.width - 2 * margin;
  for (const cue of cues) {
    const text = assText(wrapCaption(cue.text, size, maxWidth), cue.text, o.fonts, family);
    lines.push(`Dialogue: 0,${assTime(cue.start)},${assTime(cue.end)},Caption,,0,0,0,,${text}`);
  }
  if (o.watermark) {
    lines.push(`Dialogue: 1,${assTime(0)},${assTime(o.durationSec + 1)},Watermark,,0,0,0,,${assText([o.watermark.text], o.watermark.text, o.fonts, family)}`);
  }
  return lines.join('\n') + '\n';
}

export function buildSrt(cues: Cue[]): string {
  return cues.map((c, i) => `${i + 1}\n${srtTime(c.start)} --> ${srtTime(c.end)}\n${c.text.replace(/\r/g, '').trim()}\n`).join('\n');
}
