import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { countSegments, toSvg, trace, type Bitmap } from '../../src/workers/ink/potrace/index.js';
import { iou, rasterise } from './fixtures.js';

async function bitmapOf(svgBody: string, width: number, height: number): Promise<Bitmap> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${svgBody}</svg>`;
  const grey = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer();
  return { width, height, data: Uint8Array.from(grey, (v) => (v < 128 ? 1 : 0)) };
}

describe('our potrace (Selinger 2003) traces bitmaps into SVG paths', () => {
  it('re-rasterised, a traced circle, square, triangle and star match their bitmaps (IoU ≥ 0.95)', async () => {
    const shapes = {
      circle: '<circle cx="100" cy="100" r="70" fill="#000"/>',
      square: '<rect x="40" y="50" width="110" height="90" fill="#000"/>',
      triangle: '<polygon points="100,20 180,170 20,170" fill="#000"/>',
      star: '<polygon points="100,10 122,75 190,75 135,115 155,185 100,145 45,185 65,115 10,75 78,75" fill="#000"/>',
    };
    for (const [name, body] of Object.entries(shapes)) {
      const bm = await bitmapOf(body, 200, 200);
      const svg = toSvg(trace(bm), 200, 200);
      const score = iou(bm.data, await rasterise(svg));
      expect(score, name).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('a ring keeps its hole: the centre stays paper, the band is ink, the even-odd fill makes it so', async () => {
    const bm = await bitmapOf('<circle cx="100" cy="100" r="80" fill="#000"/><circle cx="100" cy="100" r="40" fill="#fff"/>', 200, 200);
    const paths = trace(bm);
    expect(paths.map((p) => p.sign).sort()).toEqual(['+', '-']);
    const svg = toSvg(paths, 200, 200);
    expect(svg).toContain('fill-rule="evenodd"');
    const back = await rasterise(svg);
    expect(iou(bm.data, back)).toBeGreaterThanOrEqual(0.95);
    expect(back[100 * 200 + 100]).toBe(0); // the hole's centre
    expect(back[100 * 200 + 40]).toBe(1); // on the band
    // Inside a hole an island is ink again (nesting works to any depth).
    const nested = await bitmapOf(
      '<circle cx="100" cy="100" r="90" fill="#000"/><circle cx="100" cy="100" r="60" fill="#fff"/><circle cx="100" cy="100" r="30" fill="#000"/>',
      200,
      200,
    );
    const nestedBack = await rasterise(toSvg(trace(nested), 200, 200));
    expect(iou(nested.data, nestedBack)).toBeGreaterThanOrEqual(0.95);
    expect(nestedBack[100 * 200 + 100]).toBe(1);
  });

  it('a circle is a handful of Bézier curves, not hundreds of segments; without optimisation more, as polygon only lines', async () => {
    const bm = await bitmapOf('<circle cx="150" cy="150" r="120" fill="#000"/>', 300, 300);
    const optimised = countSegments(trace(bm));
    expect(optimised.lines).toBe(0);
    expect(optimised.curves).toBeGreaterThanOrEqual(3);
    expect(optimised.curves).toBeLessThanOrEqual(12);
    const plain = countSegments(trace(bm, { optTolerance: null }));
    expect(plain.curves).toBeGreaterThan(optimised.curves);
    expect(plain.curves).toBeLessThan(100);
    const polygon = countSegments(trace(bm, { alphaMax: 0 }));
    expect(polygon.curves).toBe(0);
    expect(polygon.lines).toBeGreaterThan(0);
  });

  it('a rectangle keeps four sharp corners', async () => {
    const bm = await bitmapOf('<rect x="20" y="30" width="120" height="60" fill="#000"/>', 160, 120);
    const [path] = trace(bm);
    expect(path!.segments.filter((s) => s.kind === 'corner').map((s) => [s.vertex.x, s.vertex.y])).toEqual(
      expect.arrayContaining([
        [20, 30],
        [140, 30],
        [140, 90],
        [20, 90],
      ]),
    );
  });

  it('drops specks of turdSize pixels or fewer, and the turn policy decides diagonal joins', () => {
    const data = new Uint8Array(10 * 10);
    data[1 * 10 + 1] = 1; // a lone pixel: a speck
    data[5 * 10 + 5] = 1; // two pixels touching only at a corner
    data[6 * 10 + 6] = 1;
    const bm: Bitmap = { width: 10, height: 10, data };
    expect(trace(bm, { turdSize: 2 })).toHaveLength(0);
    expect(trace(bm, { turdSize: 0, turnPolicy: 'white' })).toHaveLength(3);
    expect(trace(bm, { turdSize: 0, turnPolicy: 'black' })).toHaveLength(2);
  });
});
