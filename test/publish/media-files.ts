import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PostMedia } from '../../src/shared/publish/post.js';

/** Scratch media files of random bytes for the publisher tests (the platforms' fakes never decode them). */
export interface ScratchFiles {
  dir: string;
  write(name: string, bytes: number): { path: string; data: Buffer };
  remove(): void;
}

export function scratchFiles(): ScratchFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kingjam-publish-'));
  return {
    dir,
    write(name, bytes) {
      const data = randomBytes(bytes);
      const file = path.join(dir, name);
      fs.writeFileSync(file, data);
      return { path: file, data };
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function videoMedia(file: string, bytes: number, extra: Partial<PostMedia> = {}): PostMedia {
  return { path: file, kind: 'video', mime: 'video/mp4', bytes, width: 1080, height: 1920, durationSeconds: 30, ...extra };
}

export function imageMedia(file: string, bytes: number, extra: Partial<PostMedia> = {}): PostMedia {
  return { path: file, kind: 'image', mime: 'image/jpeg', bytes, width: 1200, height: 627, durationSeconds: null, ...extra };
}
