import sharp, { type Metadata, type Sharp } from 'sharp';
import { rgbToLab } from '../../shared/style/colour.js';
import type { ImageFeatures, LightingFeatures, LineFeatures } from '../../shared/style/features.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { paletteOf } from './kmeans.js';
import { phashOf } from './phash.js';

/**
 * Every feature of one image, measured with sharp on fixed-size downsamples
 * (so a 4000 px photo and a 600 px sketch compare): the palette on 96 px
 * (nearest-neighbour, so no blended colours are invented), lighting on the
 * same Lab pixels, lines on a 256 px greyscale, the pHash on 32×32.
 */
const PALETTE_SIZE = 96;
const LINES_SIZE = 256;
/** Sobel magnitude (normalised 0…1) above which a pixel counts as an edge. */
const EDGE_THRESHOLD = 0.1;

export interface Measured {
  features: ImageFeatures;
  /** Lab samples of the palette downsample, for pooling across references. */
  samples: Float32Array;
}

function base(file: string): Sharp {
  return sharp(file, { failOn: 'error' }).rotate().flatten({ background: '#ffffff' });
}

export async function measureImage(file: string): Promise<Measured> {
  let meta: Metadata;
  try {
    meta = await sharp(file).metadata();
  } catch (err) {
    throw new StudioError({ code: 'INVALID_MEDIA', message: `"${file}" is not an image sharp can read: ${(err as Error).message}`, ...say('style.unreadable', { file: file.split(/[\\/]/).pop() ?? file }) });
  }
  const small = await base(file).resize(PALETTE_SIZE, PALETTE_SIZE, { fit: 'inside', kernel: 'nearest' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const samples = labSamples(small.data);
  const grey = await base(file).resize(LINES_SIZE, LINES_SIZE, { fit: 'inside' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const features: ImageFeatures = {
    path: file,
    // EXIF orientations 5–8 are quarter turns: the upright image is the stored one transposed.
    width: (meta.orientation ?? 1) >= 5 ? (meta.height ?? 0) : (meta.width ?? 0),
    height: (meta.orientation ?? 1) >= 5 ? (meta.width ?? 0) : (meta.height ?? 0),
    palette: paletteOf(samples),
    lighting: lightingOf(samples),
    lines: linesOf(grey.data, grey.info.width, grey.info.height, grey.info.channels),
    phash: await phashOf(base(file)),
  };
  return { features, samples };
}

function labSamples(rgb: Buffer): Float32Array {
  const n = rgb.length / 3;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) out.set(rgbToLab(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!), i * 3);
  return out;
}

export function lightingOf(samples: Float32Array): LightingFeatures {
  const n = samples.length / 3;
  let sum = 0;
  let sq = 0;
  let high = 0;
  let low = 0;
  let warm = 0;
  for (let i = 0; i < n; i++) {
    const L = samples[i * 3]!;
    sum += L;
    sq += L * L;
    if (L >= 70) high++;
    if (L <= 30) low++;
    warm += samples[i * 3 + 2]! + 0.5 * samples[i * 3 + 1]!;
  }
  const mean = sum / n;
  const r = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    meanLuminance: r(mean, 1),
    contrast: r(Math.sqrt(Math.max(0, sq / n - mean * mean)), 1),
    highlights: r(high / n),
    shadows: r(low / n),
    keyBalance: r((high - low) / n),
    // ±60 on b* + a*/2 is about as saturated as printable warm/cool casts get.
    warmth: r(Math.max(-1, Math.min(1, warm / n / 60))),
  };
}

export function linesOf(data: Buffer, width: number, height: number, channels: number): LineFeatures {
  const g = (x: number, y: number) => data[(y * width + x) * channels]!;
  let edges = 0;
  let strength = 0;
  let inner = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const gx = g(x + 1, y - 1) + 2 * g(x + 1, y) + g(x + 1, y + 1) - g(x - 1, y - 1) - 2 * g(x - 1, y) - g(x - 1, y + 1);
      const gy = g(x - 1, y + 1) + 2 * g(x, y + 1) + g(x + 1, y + 1) - g(x - 1, y - 1) - 2 * g(x, y - 1) - g(x + 1, y - 1);
      // 4·255 is the largest one-axis response; /√2 brings a full diagonal step to 1.
      const m = Math.min(1, Math.hypot(gx, gy) / (4 * 255));
      inner++;
      if (m > EDGE_THRESHOLD) {
        edges++;
        strength += m;
      }
    }
  }
  return {
    edgeDensity: Math.round((edges / Math.max(1, inner)) * 10000) / 10000,
    meanEdgeStrength: edges ? Math.round((strength / edges) * 1000) / 1000 : 0,
    lineThicknessPx: Math.round(strokeWidth(data, width, height, channels) * 100) / 100,
  };
}

/**
 * Stroke width of the ink: pixels darker than Otsu's threshold form the mask
 * (the darker class, when it is the minority — ink on paper); for long thin
 * strokes area ≈ width × length and perimeter ≈ 2 × length, so 2·A/P ≈ width.
 * 0 when the image has no minority dark class (a flat or mostly dark image).
 */
function strokeWidth(data: Buffer, width: number, height: number, channels: number): number {
  const n = width * height;
  const hist = new Array<number>(256).fill(0);
  for (let i = 0; i < n; i++) hist[data[i * channels]!]! += 1;
  const t = otsu(hist, n);
  const ink = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && data[(y * width + x) * channels]! <= t;
  let area = 0;
  let perimeter = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!ink(x, y)) continue;
      area++;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) if (!ink(x + dx, y + dy)) perimeter++;
    }
  }
  if (area === 0 || area > n / 2 || perimeter === 0) return 0;
  return (2 * area) / perimeter;
}

function otsu(hist: number[], total: number): number {
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 0;
  for (let i = 0; i < 256; i++) {
    wB += hist[i]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += i * hist[i]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}
