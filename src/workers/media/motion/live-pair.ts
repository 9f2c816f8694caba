import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { runFfmpeg } from '../ff/run.js';
import { provenanceFfmpegArgs, provenanceXmp, TOOL_NAME } from '../provenance.js';
import { addContentIdentifierToJpeg, addStillImageTimeTrack } from './livephoto.js';

export interface LivePhotoPairOptions {
  jpeg: string;
  mov: string;
  /** Where in the clip the still is taken (Apple's still-image time). */
  stillTimeSec: number;
  fps: number;
  /** A scratch folder the caller removes. */
  work: string;
  signal?: AbortSignal;
}

/**
 * An Apple Live Photo pair from a clip: the JPEG is the clip's own frame at
 * the still-image time (so photo and motion match), the MOV the clip with the
 * shared content identifier and the still-image-time track.
 */
export async function writeLivePhotoPair(clip: string, opts: LivePhotoPairOptions): Promise<{ contentIdentifier: string }> {
  const { signal } = opts;
  const contentIdentifier = crypto.randomUUID().toUpperCase();
  const stillPng = path.join(opts.work, 'still.png');
  await runFfmpeg(['-ss', opts.stillTimeSec.toFixed(3), '-i', clip, '-frames:v', '1', '-update', '1', stillPng], { ...(signal ? { signal } : {}), what: 'extracting the Live Photo still' });
  const jpeg = await sharp(stillPng).jpeg({ quality: 92 }).withXmp(provenanceXmp()).toBuffer();
  fs.writeFileSync(opts.jpeg, addContentIdentifierToJpeg(jpeg, contentIdentifier, TOOL_NAME));

  const tmpMov = path.join(opts.work, 'live.mov');
  await runFfmpeg(
    [
      '-i', clip, '-c', 'copy', '-map', '0:v:0', '-map_metadata', '-1', '-brand', 'qt  ',
      '-movflags', 'use_metadata_tags',
      '-metadata', `com.apple.quicktime.content.identifier=${contentIdentifier}`,
      ...provenanceFfmpegArgs(),
      '-f', 'mov', tmpMov,
    ],
    { ...(signal ? { signal } : {}), what: 'writing the Live Photo movie' },
  );
  addStillImageTimeTrack(tmpMov, opts.mov, opts.stillTimeSec, opts.fps);
  return { contentIdentifier };
}
