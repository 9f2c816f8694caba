import { IMAGE_EXTENSIONS, VIDEO_EXTENSIONS, AUDIO_EXTENSIONS } from '../../shared/library.js';

/** What the file picker offers: the media kinds main takes. */
export const IMPORT_ACCEPT = [
  'image/*',
  'video/*',
  'audio/*',
  ...[...IMAGE_EXTENSIONS, ...VIDEO_EXTENSIONS, ...AUDIO_EXTENSIONS].map((ext) => `.${ext}`),
].join(',');

let input: HTMLInputElement | null = null;

export function registerImportInput(element: HTMLInputElement | null): void {
  input = element;
}

/** Opens the file picker (needs a user gesture: a click or a key press). */
export function openImportPicker(): void {
  input?.click();
}
