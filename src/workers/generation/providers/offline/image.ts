import sharp from 'sharp';
import { SVG_FONT_FAMILY_SC, SVG_FONT_FAMILY_TC, useBundledFontsForSvgText } from '../../../media/svg-fonts.js';
import type { AspectRatio, Language } from '../types.js';
import { WORDS } from './phrases.js';
import { rngFrom, seedOf, type Rng } from './rng.js';

/**
 * Procedural cover and scene images: a gradient, a few soft shapes, the
 * headline set in the bundled Noto Sans TC / SC (see media/svg-fonts.ts, so
 * Chinese never renders as boxes) and a DRAFT badge. Drawn as SVG and
 * rasterised by sharp (librsvg); deterministic for the same design.
 */

export interface Design {
  headline: string;
  subtitle?: string;
  language: Language;
  aspectRatio: AspectRatio;
  quality: 'standard' | 'fine';
  /** Varies colours and shapes; the same seed draws the same picture. */
  seed?: number | string;
}

export const FONT_FAMILY: Record<Language, string> = {
  'zh-TW': SVG_FONT_FAMILY_TC,
  'zh-CN': SVG_FONT_FAMILY_SC,
  en: SVG_FONT_FAMILY_TC,
};

export function canvasSize(aspect: AspectRatio, quality: 'standard' | 'fine'): { width: number; height: number } {
  const short = quality === 'fine' ? 1440 : 1080;
  const [w, h] = aspect.split(':').map(Number) as [number, number];
  return w >= h ? { width: Math.round((short * w) / h), height: short } : { width: short, height: Math.round((short * h) / w) };
}

export async function renderDesign(design: Design): Promise<{ bytes: Buffer; width: number; height: number }> {
  const { width, height } = canvasSize(design.aspectRatio, design.quality);
  useBundledFontsForSvgText();
  const svg = designSvg(design, width, height);
  const bytes = await sharp(Buffer.from(svg), { density: 72 }).png({ compressionLevel: 6 }).toBuffer();
  return { bytes, width, height };
}

export function designSvg(design: Design, width: number, height: number): string {
  const rng = rngFrom(seedOf('offline-image', design.seed ?? design.headline, design.aspectRatio));
  const hue = rng.int(0, 359);
  const hue2 = (hue + rng.int(30, 90)) % 360;
  const family = FONT_FAMILY[design.language];
  const unit = Math.min(width, height);
  const margin = Math.round(unit * 0.08);

  const headSize = Math.round(unit * (design.headline.length > 24 ? 0.075 : 0.095));
  const lines = wrap(design.headline, width - margin * 2, headSize).slice(0, 4);
  const lineHeight = Math.round(headSize * 1.25);
  const blockTop = Math.round(height * 0.55 - (lines.length * lineHeight) / 2);
  const subSize = Math.round(headSize * 0.42);
  const subLines = design.subtitle ? wrap(design.subtitle, width - margin * 2, subSize).slice(0, 3) : [];

  const badgeSize = Math.round(unit * 0.035);
  const badgeText = design.language === 'en' ? `${WORDS.en.draft} · 草稿` : `${WORDS[design.language].draft} · DRAFT`;
  const badgeWidth = Math.round(textWidth(badgeText, badgeSize) * 1.1 + badgeSize * 1.6);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<defs>',
    `<linearGradient id="bg" x1="0" y1="0" x2="${rng.next() > 0.5 ? 1 : 0}" y2="1">`,
    `<stop offset="0" stop-color="hsl(${hue},62%,34%)"/><stop offset="1" stop-color="hsl(${hue2},70%,18%)"/>`,
    '</linearGradient>',
    '</defs>',
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
    shapes(rng, width, height, hue2),
    // A soft band behind the words keeps them legible over any shape.
    `<rect x="0" y="${Math.round(blockTop - headSize * 1.15)}" width="${width}" height="${Math.round(lines.length * lineHeight + subLines.length * subSize * 1.35 + headSize * 0.9)}" fill="#000000" fill-opacity="0.22"/>`,
    ...lines.map((l, i) => `<text x="${margin}" y="${blockTop + i * lineHeight}" font-family="${family}" font-size="${headSize}" font-weight="700" fill="#ffffff">${escapeXml(l)}</text>`),
    ...subLines.map(
      (l, i) => `<text x="${margin}" y="${blockTop + lines.length * lineHeight + subSize * 0.6 + i * subSize * 1.35}" font-family="${family}" font-size="${subSize}" fill="#ffffff" fill-opacity="0.85">${escapeXml(l)}</text>`,
    ),
    `<rect x="${margin}" y="${margin}" width="${badgeWidth}" height="${Math.round(badgeSize * 1.9)}" rx="${Math.round(badgeSize * 0.5)}" fill="#000000" fill-opacity="0.55"/>`,
    `<text x="${margin + Math.round(badgeSize * 0.8)}" y="${margin + Math.round(badgeSize * 1.33)}" font-family="${family}" font-size="${badgeSize}" font-weight="700" fill="#ffd54a">${escapeXml(badgeText)}</text>`,
    '</svg>',
  ].join('\n');
}

function shapes(rng: Rng, width: number, height: number, hue: number): string {
  const out: string[] = [];
  const unit = Math.min(width, height);
  for (let i = 0; i < 5; i++) {
    const r = Math.round(unit * (0.08 + rng.next() * 0.3));
    out.push(`<circle cx="${rng.int(0, width)}" cy="${rng.int(0, Math.round(height * 0.6))}" r="${r}" fill="hsl(${(hue + i * 25) % 360},80%,70%)" fill-opacity="${(0.08 + rng.next() * 0.14).toFixed(2)}"/>`);
  }
  const y = Math.round(height * (0.72 + rng.next() * 0.1));
  const amp = Math.round(unit * 0.05);
  out.push(
    `<path d="M0 ${y} C ${width * 0.3} ${y - amp}, ${width * 0.6} ${y + amp}, ${width} ${y - amp / 2} L ${width} ${height} L 0 ${height} Z" fill="#ffffff" fill-opacity="0.07"/>`,
  );
  return out.join('\n');
}

function isWide(ch: string): boolean {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch);
}

/** Approximate advance: CJK is one em, Latin about half. Good enough to wrap a headline. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? size : ch === ' ' ? size * 0.3 : size * 0.56;
  return w;
}

/** Breaks Latin at spaces and CJK between characters (never before closing punctuation). */
export function wrap(text: string, maxWidth: number, size: number): string[] {
  const tokens = text.match(/[A-Za-z0-9'’\-.,!?:;%&]+\s*|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    const closing = /^[，。、！？：；）」』】,.!?:;)]/u.test(token);
    if (line && !closing && textWidth(candidate.trimEnd(), size) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line = candidate;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
