import type { Lab } from './colour.js';

/**
 * What the Style-Locker measures in an image (src/workers/style/measure.ts).
 * Every number is on a fixed scale so profiles made on different machines
 * and from images of different sizes compare.
 */

/** One palette colour: its Lab centre, its hex, and the share of pixels it stands for (weights sum to 1). */
export interface PaletteColour {
  hex: string;
  lab: Lab;
  weight: number;
}

export interface LightingFeatures {
  /** Mean L* (0 black … 100 white). */
  meanLuminance: number;
  /** Standard deviation of L*: 0 flat, above 25 strong contrast. */
  contrast: number;
  /** Share of pixels with L* ≥ 70. */
  highlights: number;
  /** Share of pixels with L* ≤ 30. */
  shadows: number;
  /** highlights − shadows: positive a high-key look, negative a low-key one (−1 … 1). */
  keyBalance: number;
  /** Mean b* + 0.5·a* scaled to −1 (cool, blue) … 1 (warm, yellow-red). */
  warmth: number;
}

export interface LineFeatures {
  /** Share of pixels whose Sobel gradient is above the edge threshold (at 256 px on the long side). */
  edgeDensity: number;
  /** Mean gradient magnitude over those edge pixels (0 … 1). */
  meanEdgeStrength: number;
  /** Estimated width of the dark strokes in pixels at 256 px on the long side: 2·area ÷ perimeter of the ink mask. */
  lineThicknessPx: number;
}

export interface ImageFeatures {
  path: string;
  width: number;
  height: number;
  palette: PaletteColour[];
  lighting: LightingFeatures;
  lines: LineFeatures;
  /** 64-bit DCT perceptual hash as 16 hex digits. */
  phash: string;
}

/** A style's measured features: the palette over all its references, mean lighting and lines, and each reference's own features. */
export interface StyleFeatures {
  palette: PaletteColour[];
  lighting: LightingFeatures;
  lines: LineFeatures;
  images: ImageFeatures[];
}

/** The prompt the text model (or the offline composer) wrote from the images. */
export interface StyleWriting {
  promptFragment: string;
  negativePrompt: string;
  provider: string;
  model: string;
  /** Composed offline from the measured features, not written by a model. */
  draft: boolean;
}
