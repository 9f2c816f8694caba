import fs from 'node:fs/promises';
import { say } from '../../shared/messages.js';
import { PublishFailure } from './failure.js';

/**
 * Reads one byte range of a media file (an upload chunk), so a multi-gigabyte
 * video is never held in memory whole. `end` is inclusive, as in Content-Range.
 */
export async function readRange(path: string, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  const length = end - start + 1;
  const buffer = new Uint8Array(new ArrayBuffer(length));
  const file = await fs.open(path, 'r');
  try {
    let read = 0;
    while (read < length) {
      const { bytesRead } = await file.read(buffer, read, length - read, start + read);
      if (bytesRead === 0) throw new Error(`${path} ended at byte ${start + read}, before ${end + 1}`);
      read += bytesRead;
    }
  } finally {
    await file.close();
  }
  return buffer;
}

/**
 * The file's size now (the payload's `bytes` was measured when the post was
 * written and may be stale). A file that is gone is the post's to fix, not a retry.
 */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const name = path.split(/[\\/]/).pop() ?? path;
    throw new PublishFailure('bad-post', say('publish.video.fileMissing', { name }), `media file missing: ${name}`);
  }
}
