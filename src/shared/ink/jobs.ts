import { z } from 'zod';
import { DEFAULT_INK_PALETTE, hexColourSchema, inkOptionsSchema } from './options.js';

/**
 * The worker jobs of the 2D studio (AI Ink Assistant, PSD export) (issue 16): kinds, payload schemas and results.
 * Spread into src/shared/jobs/kinds.ts; the handlers are in src/workers/ink/loaders.ts. Paths are absolute.
 */
const absPath = z.string().min(1);
const fileName = (p: string) => p.split(/[\\/]/).pop();

export const inkJobKinds = {
  /** Clean a sketch into line art: cleaned PNG and traced SVG in outDir. */
  'ink.clean': {
    queue: 'default',
    payload: z.object({ input: absPath, outDir: absPath, options: inkOptionsSchema.prefault({}) }),
    title: (p: { input: string }) => `Clean sketch ${fileName(p.input)}`,
  },
  /** A layered PSD of a cleaned sketch (line art, shading, flat colours, background) and a PNG of how it looks. */
  'ink.psd': {
    queue: 'default',
    payload: z.object({
      input: absPath,
      out: absPath,
      options: inkOptionsSchema.prefault({}),
      /** Fills for the regions when the sketch has no colours of its own (a locked style's palette, or the default). */
      palette: z.array(hexColourSchema).min(1).max(32).default([...DEFAULT_INK_PALETTE]),
      /** Background layer: white, or the paper colour measured on the sketch. */
      paper: z.enum(['white', 'sketch']).default('white'),
    }),
    title: (p: { input: string }) => `Layered PSD of ${fileName(p.input)}`,
  },
} as const;

export interface InkCleanResult {
  png: string;
  svg: string;
  width: number;
  height: number;
  /** Clockwise skew measured on the input and undone, degrees. */
  angle: number;
  threshold: number;
  inkPixels: number;
  specksRemoved: number;
  /** What the SVG is made of. */
  paths: number;
  curves: number;
  lines: number;
}

export interface InkPsdResult {
  psd: string;
  /** The layers flattened, as a PNG (for previews and the library's thumbnail). */
  preview: string;
  width: number;
  height: number;
  angle: number;
  layers: string[];
  /** Whether the fills came from the sketch's own colours (else from the palette). */
  colouredSource: boolean;
  regions: number;
  bytes: number;
}

export interface InkJobResults {
  'ink.clean': InkCleanResult;
  'ink.psd': InkPsdResult;
}
