import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postPayloadSchema, type PostMedia, type PostPayload } from '../../src/shared/publish/post.js';

/** Media files and posts for the Instagram, Facebook and Threads tests (the fakes do not decode media: distinct bytes are enough). */
export function mediaDir(): { dir: string; image(name: string, bytes?: number): PostMedia; video(name: string, bytes?: number): PostMedia; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-pubmeta-'));
  const write = (name: string, bytes: number, fill: number): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.alloc(bytes, fill));
    return file;
  };
  let fill = 1;
  return {
    dir,
    image: (name, bytes = 2048) => ({ path: write(name, bytes, fill++), kind: 'image', mime: 'image/jpeg', bytes, width: 1080, height: 1080, durationSeconds: null }),
    video: (name, bytes = 4096) => ({ path: write(name, bytes, fill++), kind: 'video', mime: 'video/mp4', bytes, width: 1080, height: 1920, durationSeconds: 12 }),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function post(text: string, media: PostMedia[] = [], options: Record<string, unknown> = {}): PostPayload {
  return postPayloadSchema.parse({ text, media, options });
}

