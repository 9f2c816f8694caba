import fs from 'node:fs';
import path from 'node:path';
import type { BackgroundPreset } from '../../shared/photo/presets.js';
import type { PresetThumbsResult } from '../../shared/photo/jobs.js';
import type { JobQueue } from '../jobs/queue.js';

/** The picker's previews are 4:3 like the backgrounds, at twice the size a card shows them. */
const THUMB = { width: 320, height: 240 } as const;

/**
 * The background picker's previews as data: URLs (the page never reads
 * files): drawn by a worker once per start from the same vector scenes the
 * fuse uses, then kept in memory. A failed drawing leaves the page its
 * colour swatches and is tried again on the next request.
 */
export class PresetThumbnails {
  private pending: Promise<Partial<Record<BackgroundPreset, string>>> | null = null;

  constructor(
    private readonly jobs: JobQueue,
    private readonly dir: string,
  ) {}

  dataUrls(): Promise<Partial<Record<BackgroundPreset, string>>> {
    this.pending ??= this.draw().catch((err: unknown) => {
      this.pending = null;
      throw err;
    });
    return this.pending;
  }

  private async draw(): Promise<Partial<Record<BackgroundPreset, string>>> {
    const queued = await this.jobs.enqueue('photo.presetThumbs', { outDir: path.join(this.dir, 'photo-presets'), ...THUMB });
    const done = await this.jobs.waitFor(queued.id);
    if (done.status !== 'succeeded') throw new Error(`the background previews were not drawn (${done.error?.message ?? done.status})`);
    const { files } = done.result as PresetThumbsResult;
    const urls: Partial<Record<BackgroundPreset, string>> = {};
    for (const [preset, file] of Object.entries(files) as [BackgroundPreset, string][]) {
      urls[preset] = `data:image/webp;base64,${(await fs.promises.readFile(file)).toString('base64')}`;
    }
    return urls;
  }
}
