import type { Sharp } from 'sharp';

/**
 * DCT perceptual hash: the image as 32×32 greyscale, its 2-D DCT, the 8×8
 * lowest frequencies (without the DC term's own bit mattering: the median is
 * taken over the 63 others), one bit per coefficient above the median. Two
 * unrelated images differ in about 32 of the 64 bits; a re-encode or resize
 * of the same image in 0–4.
 */
const N = 32;
const COS: number[][] = Array.from({ length: 8 }, (_, u) => Array.from({ length: N }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N))));

export async function phashOf(image: Sharp): Promise<string> {
  const px = await image.resize(N, N, { fit: 'fill' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const ch = px.info.channels;
  const coeffs: number[] = [];
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let y = 0; y < N; y++) {
        const cy = COS[u]![y]!;
        for (let x = 0; x < N; x++) s += px.data[(y * N + x) * ch]! * cy * COS[v]![x]!;
      }
      coeffs.push(s);
    }
  }
  const rest = coeffs.slice(1).sort((a, b) => a - b);
  const median = (rest[31]! + rest[32]!) / 2;
  let hex = '';
  for (let i = 0; i < 64; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (coeffs[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}
