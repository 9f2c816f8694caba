import { api } from '../../api/index.js';

export type ShareOutcome = 'shared' | 'copied' | 'canceled' | 'failed';

/**
 * Shares an image from the library: the system share sheet where the browser
 * has one that takes files, else the image copied to the clipboard.
 */
export async function shareImage(file: string, name: string): Promise<ShareOutcome> {
  try {
    const blob = await (await fetch(api().mediaUrl(file))).blob();
    const image = new File([blob], name, { type: blob.type || 'image/png' });
    if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [image] })) {
      try {
        await navigator.share({ files: [image] });
        return 'shared';
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return 'canceled';
      }
    }
    // Clipboards take PNG only.
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob.type === 'image/png' ? blob : await toPng(blob) })]);
    return 'copied';
  } catch {
    return 'failed';
  }
}

async function toPng(blob: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** The last part of a library path, for a download's file name. */
export function fileName(file: string): string {
  return file.split('/').pop() ?? file;
}
