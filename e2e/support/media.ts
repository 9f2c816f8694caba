import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

/** A real PNG: a pink-to-blue gradient of the given size. */
export async function writePng(file: string, width: number, height: number): Promise<void> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round(236 - (177 * x) / width);
      pixels[i + 1] = Math.round(72 + (58 * y) / height);
      pixels[i + 2] = Math.round(153 + (93 * x) / width);
    }
  }
  await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toFile(file);
}

/** A text file that claims to be a PNG. */
export async function writeFakePng(file: string): Promise<void> {
  await writeFile(file, 'This is plain text, not a PNG image.\n'.repeat(20));
}
