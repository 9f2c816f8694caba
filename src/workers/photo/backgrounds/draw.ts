/**
 * Drawing helpers shared by the bundled backgrounds. Every scene is drawn in
 * one 2048×1536 (4:3) coordinate system and scaled by librsvg to the size
 * asked for, so the pictures are ours (no downloaded art, no licence) and the
 * same at any size.
 */
import { mulberry32 } from '../../../shared/random.js';

export const VW = 2048;
export const VH = 1536;


export const r1 = (n: number): string => n.toFixed(1);

/** A vertical linear gradient definition from stops `[offset, colour]`. */
export function vGrad(id: string, stops: [number, string][], x2 = 0, y2 = 1): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="${x2}" y2="${y2}">${stops.map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`).join('')}</linearGradient>`;
}

export function radial(id: string, stops: [number, string, number?][]): string {
  return `<radialGradient id="${id}">${stops.map(([o, c, a]) => `<stop offset="${o}" stop-color="${c}" stop-opacity="${a ?? 1}"/>`).join('')}</radialGradient>`;
}

/** Gradients the lanterns use; put once in <defs> of a scene that hangs lanterns. */
export const LANTERN_DEFS =
  radial('lanternBody', [[0, '#ffdf7a'], [0.35, '#ff6a2a'], [0.8, '#d3161b'], [1, '#8e0c10']]) +
  radial('lanternGlow', [[0, '#ffb347', 0.55], [0.5, '#ff7a1a', 0.18], [1, '#ff5a00', 0]]);

/** A round red palace lantern centred at (cx, cy) of radius r, with cap, ribs, tassel and a glow around it. */
export function lantern(cx: number, cy: number, r: number, glow = true): string {
  const ry = r * 0.86;
  const ribs = [-0.6, -0.25, 0.25, 0.6]
    .map((k) => `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(Math.abs(k) * r)}" ry="${r1(ry)}" fill="none" stroke="#a50f14" stroke-opacity="0.55" stroke-width="${r1(r * 0.035)}"/>`)
    .join('');
  return [
    glow ? `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(r * 2.6)}" fill="url(#lanternGlow)"/>` : '',
    `<rect x="${r1(cx - r * 0.38)}" y="${r1(cy - ry - r * 0.16)}" width="${r1(r * 0.76)}" height="${r1(r * 0.2)}" rx="${r1(r * 0.05)}" fill="#c8961e"/>`,
    `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(r)}" ry="${r1(ry)}" fill="url(#lanternBody)"/>`,
    ribs,
    `<rect x="${r1(cx - r * 0.38)}" y="${r1(cy + ry - r * 0.04)}" width="${r1(r * 0.76)}" height="${r1(r * 0.2)}" rx="${r1(r * 0.05)}" fill="#c8961e"/>`,
    `<path d="M${r1(cx)} ${r1(cy + ry + r * 0.16)} v${r1(r * 0.2)}" stroke="#c8961e" stroke-width="${r1(r * 0.06)}"/>`,
    `<path d="M${r1(cx - r * 0.16)} ${r1(cy + ry + r * 0.36)} h${r1(r * 0.32)} l${r1(-r * 0.05)} ${r1(r * 0.75)} h${r1(-r * 0.22)} z" fill="#d3161b"/>`,
  ].join('');
}

/** A vertical row of characters (couplets, a scroll), centred on x, starting at y. */
export function verticalText(chars: string, x: number, y: number, size: number, fill: string, family: string, weight = 'bold'): string {
  return [...chars]
    .map((c, i) => `<text x="${r1(x)}" y="${r1(y + i * size * 1.18)}" text-anchor="middle" dominant-baseline="central" font-family="${family}" font-weight="${weight}" font-size="${r1(size)}" fill="${fill}">${c}</text>`)
    .join('');
}

/** A red diamond with 福 (upside down when `inverted`, the custom that says good fortune has arrived). */
export function fuDiamond(cx: number, cy: number, size: number, family: string, inverted = false): string {
  const h = size / 2;
  return [
    `<rect x="${r1(cx - h)}" y="${r1(cy - h)}" width="${r1(size)}" height="${r1(size)}" fill="#d0141c" stroke="#f4c542" stroke-width="${r1(size * 0.03)}" transform="rotate(45 ${r1(cx)} ${r1(cy)})"/>`,
    `<text x="${r1(cx)}" y="${r1(cy)}" text-anchor="middle" dominant-baseline="central" font-family="${family}" font-weight="bold" font-size="${r1(size * 0.8)}" fill="#1d1208"${inverted ? ` transform="rotate(180 ${r1(cx)} ${r1(cy)})"` : ''}>福</text>`,
  ].join('');
}

/** Soft falling snow: `count` flakes of varying size and opacity over the given band. */
export function snowflakes(count: number, seed: number, top = 0, bottom = VH): string {
  const rand = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = 2 + rand() * rand() * 9;
    out.push(`<circle cx="${r1(rand() * VW)}" cy="${r1(top + rand() * (bottom - top))}" r="${r1(r)}" fill="#ffffff" fill-opacity="${(0.45 + rand() * 0.5).toFixed(2)}"/>`);
  }
  return out.join('');
}

/** A darkening toward the corners, as a camera lens gives; keeps the eye on the people in the middle. */
export function vignette(strength = 0.35): string {
  return `<defs>${radial('vignette', [[0.55, '#000000', 0], [1, '#000000', strength]])}</defs><rect width="${VW}" height="${VH}" fill="url(#vignette)"/>`;
}
