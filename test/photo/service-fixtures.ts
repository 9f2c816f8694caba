import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { PhotoCheckResult } from '../../src/shared/photo/check.js';
import type { Studio } from '../../src/main/studio.js';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public t: number) {}
  now = (): number => this.t;
}

/** A real PNG of the given size (a plain colour: what the service does with it never decodes faces). */
export async function pngFile(dir: string, name: string, width = 900, height = 1200, color = { r: 200, g: 150, b: 120 }): Promise<string> {
  const file = path.join(dir, name);
  await sharp({ create: { width, height, channels: 3, background: color } }).png().toFile(file);
  return file;
}

/**
 * An uploaded photo whose check already ran, as the `photo.check` worker
 * leaves it: its folder in the library with the original and the normalised
 * PNG, and the row with the check's result. `faces` faces of 200 px; the
 * issues as given (none: a person photo that passed).
 */
export async function checkedUpload(studio: Studio, opts: { name?: string; faces?: number; issues?: PhotoCheckResult['issues']; at?: number } = {}): Promise<string> {
  const id = randomUUID();
  const dir = path.join(studio.paths.library, 'photo-uploads', id);
  fs.mkdirSync(dir, { recursive: true });
  const original = await pngFile(dir, 'original.png');
  const normalised = await pngFile(dir, 'normalised.png');
  const faces = Array.from({ length: opts.faces ?? 1 }, (_, i) => ({ box: { x: 100 + i * 250, y: 200, width: 200, height: 200 }, confidence: 0.95 }));
  const issues = opts.issues ?? [];
  const check: PhotoCheckResult = { ok: issues.length === 0, normalised, width: 900, height: 1200, bytes: fs.statSync(normalised).size, faces, sharpness: 250, issues };
  const at = opts.at ?? Date.now();
  studio.store.sqlite
    .prepare(
      `INSERT INTO photo_uploads (id, name, purpose, original_path, normalised_path, status, check_json, consent, uploaded_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    .run(id, opts.name ?? `${id}.png`, (opts.faces ?? 1) > 1 ? 'group' : 'person', original, normalised, check.ok ? 'passed' : 'failed', JSON.stringify(check), at, at + 24 * 3_600_000);
  return id;
}
