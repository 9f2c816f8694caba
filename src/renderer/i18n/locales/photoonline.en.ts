/** English texts of family `photoonline` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photoonlineEn = {
  // Estimate lines of a photo (src/shared/photo/estimate.ts PHOTO_LINES), by label.
  'photoonline.line.variants': 'Family photo variants',
  'photoonline.line.replacement': 'A replacement for a variant whose faces do not match (charged only if it is made)',
  'photoonline.line.localPack': 'Photo pack on this computer (from the offline allowance)',
  'photoonline.line.motion': 'Motion clip',
  'photoonline.line.repair': 'Old-photo repair',

  'msg.photo.online.timeout': '{provider} did not answer within {seconds} s, {tries} times in a row.',
  'msg.photo.online.timeout.hint': 'The service is busy. Try again in a few minutes, or choose another backend.',
  'msg.photo.online.noPhoto': '{model} works on a photo, and none was given.',
  'msg.photo.online.noPhoto.hint': 'Choose the photo first, then try again.',
  'msg.photo.online.workflowImages': 'Your ComfyUI workflow takes {found} images; this photo needs {needed} (each person, then the background).',
  'msg.photo.online.workflowImages.hint': 'In ComfyUI, title the LoadImage nodes "image 1", "image 2", … one per person and one more for the background, then export it again with "Save (API format)".',
  'msg.photo.online.costumeOnlineOnly': 'A costume change needs an image-editing model; {backend} cannot do it.',
  'msg.photo.online.costumeOnlineOnly.hint': 'Choose Gemini, Seedream or FLUX Kontext for a costume change, or leave the costume off.',
  'msg.photo.online.badClip': 'The clip {provider} returned cannot be read as a video.',
  'msg.photo.online.badClip.hint': 'Try again; if it keeps happening, choose another motion backend.',
} as const;

export type PhotoonlineMessages = Record<keyof typeof photoonlineEn, string>;
