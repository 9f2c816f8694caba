import sharp from 'sharp';

/**
 * Synthetic sketches for the 2D studio's tests: a drawing made with sharp from
 * SVG (a frame, a horizon line and a circle), turned 7° clockwise, laid on
 * paper that darkens towards one corner (uneven light), tinted, with noise.
 */
export const SKETCH = { width: 480, height: 360, skew: 7, stroke: 4 } as const;

export function drawingSvg(fill = 'none'): string {
  const { width: w, height: h, stroke } = SKETCH;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <rect width="100%" height="100%" fill="#ffffff"/>
  <g stroke="#1a1a1a" stroke-width="${stroke}" fill="${fill}">
    <rect x="50" y="50" width="380" height="260"/>
    <line x1="50" y1="180" x2="430" y2="180"/>
    <circle cx="240" cy="180" r="75"/>
  </g></svg>`;
}

/** 1 where the unrotated drawing has ink. */
export async function drawingMask(): Promise<Uint8Array> {
  const grey = await sharp(Buffer.from(drawingSvg())).greyscale().raw().toBuffer();
  return Uint8Array.from(grey, (v) => (v < 128 ? 1 : 0));
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The photographed sketch as a JPEG, the same size as the drawing: the drawing
 * turned by `skew`° about its centre (the corners come in as paper), then shaded
 * paper from 240 down to ~150 across the sheet, a warm tint, ±12 noise.
 */
export async function photographedSketch(skew: number = SKETCH.skew, colouredSvg?: string): Promise<Buffer> {
  const { width: w, height: h } = SKETCH;
  const turned = await sharp(Buffer.from(colouredSvg ?? drawingSvg()))
    .rotate(skew, { background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: tw, height: th, channels } = turned.info;
  const left = Math.floor((tw - w) / 2);
  const top = Math.floor((th - h) / 2);
  const random = rng(16);
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const light = 240 - 70 * (x / w) - 30 * (y / h);
      const noise = (random() - 0.5) * 24;
      const s = ((y + top) * tw + x + left) * channels;
      const o = (y * w + x) * 3;
      const tint = [6, 2, -10];
      for (let c = 0; c < 3; c++) px[o + c] = Math.max(0, Math.min(255, Math.round((turned.data[s + c]! / 255) * light + noise + tint[c]!)));
    }
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** Intersection over union of two 0/1 masks. */
export function iou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return union === 0 ? 1 : inter / union;
}

/** An SVG rasterised by sharp onto white, as a 0/1 ink mask. */
export async function rasterise(svg: string): Promise<Uint8Array> {
  const grey = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer();
  return Uint8Array.from(grey, (v) => (v < 128 ? 1 : 0));
}
