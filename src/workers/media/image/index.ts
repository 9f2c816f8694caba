export {
  contactGrid,
  cropToAspect,
  markAiGenerated,
  MAX_INPUT_PIXELS,
  MAX_NORMALISED_BYTES,
  MAX_UPLOAD_BYTES,
  normaliseUpload,
  thumbnail,
  watermark,
} from './ops.js';
export type { Corner, ImageInput, ImageResult } from './ops.js';
