import sharp from 'sharp';

/**
 * Festive overlays drawn procedurally, frame by frame, as SVG rendered by
 * sharp (librsvg) to raw RGBA — no stock footage or sprite assets. Every
 * effect is a pure function of (time, seed), so a render is reproducible.
 */
export { EFFECTS, type Effect } from '../../../shared/motion.js';
import type { Effect } from '../../../shared/motion.js';
import { mulberry32 } from '../../../shared/random.js';

/** Small deterministic PRNG (mulberry32): the same seed gives the same sky. */
function rng(seed: number): () => number {
  return mulberry32(seed);
}

interface Flake { x: number; y: number; r: number; speed: number; sway: number; phase: number; o: number }
interface Burst { t0: number; x: number; y: number; hue: number; n: number; speed: number; launchX: number }
interface Lantern { x: number; len: number; w: number; phase: number; amp: number }

type Scene = (t: number) => string;

function snowScene(W: number, H: number, seconds: number, rand: () => number): Scene {
  // A fixed number of flakes: the same density of snow at any output size.
  const count = 160;
  const flakes: Flake[] = Array.from({ length: count }, () => {
    const depth = rand();
    return {
      x: rand() * W,
      y: rand() * H,
      r: Math.max(1, (0.8 + depth * 2.4) * (W / 540)),
      speed: (25 + depth * 70) * (H / 960),
      sway: (4 + rand() * 10) * (W / 540),
      phase: rand() * Math.PI * 2,
      o: 0.55 + depth * 0.4,
    };
  });
  void seconds;
  return (t) =>
    flakes
      .map((f) => {
        const y = (f.y + f.speed * t) % (H + 10);
        const x = f.x + Math.sin(f.phase + t * 1.3) * f.sway;
        return `<circle cx="${x.toFixed(1)}" cy="${(y - 5).toFixed(1)}" r="${f.r.toFixed(2)}" fill="url(#flake)" opacity="${f.o.toFixed(2)}"/>`;
      })
      .join('');
}

function fireworksScene(W: number, H: number, seconds: number, rand: () => number): Scene {
  const bursts: Burst[] = [];
  // Bursts keep to the upper part of the frame, where the sky usually is, away from faces.
  for (let t0 = -0.6; t0 < seconds; t0 += 0.45 + rand() * 0.5) {
    bursts.push({
      t0,
      x: W * (0.12 + rand() * 0.76),
      y: H * (0.08 + rand() * 0.27),
      hue: Math.floor(rand() * 360),
      n: 28 + Math.floor(rand() * 18),
      speed: Math.min(W, H) * (0.16 + rand() * 0.12),
      launchX: W * (0.3 + rand() * 0.4),
    });
  }
  const LAUNCH = 0.55;
  const LIFE = 1.6;
  const g = H * 0.12;
  return (t) => {
    const parts: string[] = [];
    for (const b of bursts) {
      const dt = t - b.t0;
      if (dt < -LAUNCH || dt > LIFE) continue;
      if (dt < 0) {
        // The rocket climbing to the burst point.
        const p = 1 + dt / LAUNCH;
        const x = b.launchX + (b.x - b.launchX) * p;
        const y = H * 0.95 + (b.y - H * 0.95) * p;
        parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${Math.max(1.5, W / 260).toFixed(1)}" fill="hsl(${b.hue},100%,85%)"/>`);
        continue;
      }
      const fade = Math.max(0, 1 - dt / LIFE);
      const color = `hsl(${b.hue},100%,${60 + 25 * fade}%)`;
      for (let i = 0; i < b.n; i++) {
        const a = (i / b.n) * Math.PI * 2;
        const r = b.speed * (1 - Math.exp(-dt * 2.2));
        const x = b.x + Math.cos(a) * r;
        const y = b.y + Math.sin(a) * r + g * dt * dt;
        const r0 = b.speed * (1 - Math.exp(-Math.max(0, dt - 0.12) * 2.2));
        const x0 = b.x + Math.cos(a) * r0;
        const y0 = b.y + Math.sin(a) * r0 + g * Math.max(0, dt - 0.12) ** 2;
        parts.push(
          `<line x1="${x0.toFixed(1)}" y1="${y0.toFixed(1)}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${color}" stroke-width="${Math.max(1.2, W / 300).toFixed(2)}" stroke-linecap="round" opacity="${fade.toFixed(2)}"/>`,
        );
      }
      if (dt < 0.25) {
        parts.push(`<circle cx="${b.x.toFixed(1)}" cy="${b.y.toFixed(1)}" r="${(b.speed * 0.35).toFixed(1)}" fill="url(#flash)" opacity="${(1 - dt / 0.25).toFixed(2)}"/>`);
      }
    }
    return parts.join('');
  };
}

function lanternScene(W: number, H: number, _seconds: number, rand: () => number): Scene {
  const n = W > H ? 6 : 4;
  const lanterns: Lantern[] = Array.from({ length: n }, (_, i) => {
    // Lanterns hang at the left and right thirds only, leaving the middle (the people) clear.
    const slot = i < n / 2 ? 0.04 + (i / (n / 2)) * 0.22 : 0.74 + ((i - n / 2) / (n / 2)) * 0.22;
    return {
      x: W * (slot + rand() * 0.03),
      len: H * (0.05 + rand() * 0.12),
      w: Math.min(W, H) * (0.1 + rand() * 0.04),
      phase: rand() * Math.PI * 2,
      amp: 3 + rand() * 4,
    };
  });
  return (t) =>
    lanterns
      .map((l) => {
        const angle = Math.sin(t * 1.6 + l.phase) * l.amp;
        const h = l.w * 0.85;
        const cy = l.len + h / 2;
        const glow = 0.55 + 0.25 * Math.sin(t * 3 + l.phase);
        return (
          `<g transform="rotate(${angle.toFixed(2)} ${l.x.toFixed(1)} 0)">` +
          `<line x1="${l.x}" y1="0" x2="${l.x}" y2="${l.len}" stroke="#7a4a12" stroke-width="${(W / 400).toFixed(2)}"/>` +
          `<ellipse cx="${l.x}" cy="${cy}" rx="${(l.w * 0.9).toFixed(1)}" ry="${(h * 0.9).toFixed(1)}" fill="url(#glow)" opacity="${glow.toFixed(2)}"/>` +
          `<rect x="${l.x - l.w * 0.22}" y="${l.len - h * 0.06}" width="${l.w * 0.44}" height="${h * 0.12}" fill="#d4a017"/>` +
          `<ellipse cx="${l.x}" cy="${cy}" rx="${l.w / 2}" ry="${h / 2}" fill="url(#lantern)"/>` +
          `<ellipse cx="${l.x}" cy="${cy}" rx="${l.w * 0.22}" ry="${h / 2}" fill="none" stroke="#f2c14e" stroke-opacity="0.55" stroke-width="${(W / 500).toFixed(2)}"/>` +
          `<rect x="${l.x - l.w * 0.22}" y="${cy + h / 2 - h * 0.06}" width="${l.w * 0.44}" height="${h * 0.12}" fill="#d4a017"/>` +
          `<line x1="${l.x}" y1="${cy + h / 2}" x2="${l.x}" y2="${cy + h * 0.95}" stroke="#e8b923" stroke-width="${(W / 160).toFixed(2)}"/>` +
          `</g>`
        );
      })
      .join('');
}

const DEFS =
  '<defs>' +
  '<radialGradient id="flake"><stop offset="0" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>' +
  '<radialGradient id="flash"><stop offset="0" stop-color="#fff8e0" stop-opacity="0.9"/><stop offset="1" stop-color="#ffd080" stop-opacity="0"/></radialGradient>' +
  '<radialGradient id="glow"><stop offset="0.4" stop-color="#ff8a3d" stop-opacity="0.8"/><stop offset="1" stop-color="#ff5a1f" stop-opacity="0"/></radialGradient>' +
  '<radialGradient id="lantern" cx="0.45" cy="0.4" r="0.65"><stop offset="0" stop-color="#ff6b4a"/><stop offset="0.6" stop-color="#e01b1b"/><stop offset="1" stop-color="#8f0a0a"/></radialGradient>' +
  '</defs>';

/**
 * Yields `frames` raw RGBA frames of W×H for the effect. Frames are rendered
 * one at a time as ffmpeg asks for them, so memory stays at one frame.
 */
export async function* overlayFrames(effect: Effect, W: number, H: number, fps: number, frames: number, seed = 2025): AsyncGenerator<Buffer> {
  const rand = rng(seed);
  const seconds = frames / fps;
  const scene = effect === 'snow' ? snowScene(W, H, seconds, rand) : effect === 'fireworks' ? fireworksScene(W, H, seconds, rand) : lanternScene(W, H, seconds, rand);
  for (let i = 0; i < frames; i++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${DEFS}${scene(i / fps)}</svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.width !== W || info.height !== H || info.channels !== 4) {
      throw new Error(`overlay frame came out ${info.width}×${info.height}×${info.channels}, expected ${W}×${H}×4`);
    }
    yield data;
  }
}
