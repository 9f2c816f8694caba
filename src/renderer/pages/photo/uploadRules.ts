import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';

/** What the photo pickers offer: JPG, PNG and the phones' HEIC (main checks each again; its check is the one that counts). */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.jpg,.jpeg,.png,.heic,.heif';

const PHOTO_EXT = /\.(jpe?g|png|hei[cf])$/i;

export type LocalRefusal = 'too-large' | 'not-image';

/** A file refused before it is sent at all: too large, or not a photo kind main reads. Null when it may go. */
export function refusalOf(file: { name: string; size: number; type: string }): LocalRefusal | null {
  if (!PHOTO_EXT.test(file.name) && !/^image\/(jpeg|png|heic|heif)$/.test(file.type)) return 'not-image';
  if (file.size > PHOTO_LIMITS.maxUploadBytes) return 'too-large';
  return null;
}

export const MAX_UPLOAD_MB = PHOTO_LIMITS.maxUploadBytes / (1024 * 1024);
