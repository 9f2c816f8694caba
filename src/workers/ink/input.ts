import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { INK_LIMITS, type InkOptions } from '../../shared/ink/options.js';
import { cleanSketch, type CleanedSketch } from './clean.js';

/** Reads and cleans the sketch a job names, turning an unreadable or oversized file into a message the user can act on. */
export async function loadSketch(input: string, options: InkOptions): Promise<CleanedSketch> {
  const file = path.basename(input);
  const stat = fs.statSync(input, { throwIfNoEntry: false });
  if (!stat) throw new StudioError({ code: 'FILE_NOT_FOUND', message: `No such file: ${input}`, ...say('ink.unreadable', { file }) });
  if (stat.size > INK_LIMITS.maxInputBytes) {
    throw new StudioError({
      code: 'FILE_TOO_LARGE',
      message: `${file} is ${(stat.size / 1048576).toFixed(1)} MB; sketches up to ${INK_LIMITS.maxInputBytes / 1048576} MB are cleaned.`,
      ...say('ink.too-large', { file, size: (stat.size / 1048576).toFixed(1), limit: INK_LIMITS.maxInputBytes / 1048576 }),
    });
  }
  let sketch: CleanedSketch;
  try {
    sketch = await cleanSketch(input, { thicken: options.thicken, minSpeck: options.minSpeck, deskew: options.deskew });
  } catch (err) {
    throw new StudioError({ code: 'INVALID_MEDIA', message: `${file} is not an image that can be read: ${String(err)}`, ...say('ink.unreadable', { file }) });
  }
  let ink = 0;
  for (const v of sketch.lines.data) ink += v;
  if (ink === 0) throw new StudioError({ code: 'BAD_INPUT', message: `No lines were found on ${file}.`, ...say('ink.no-lines', { file }) });
  return sketch;
}
