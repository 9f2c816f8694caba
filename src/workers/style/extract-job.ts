import fs from 'node:fs/promises';
import sharp from 'sharp';
import type { JobPayload, JobResults } from '../../shared/jobs/kinds.js';
import { progressLabel } from '../../shared/progress-labels.js';
import type { JobContext } from '../context.js';
import { providersConfigFromEnv } from '../generation/providers/config.js';
import { composeWriting } from './compose.js';
import { extractFeatures } from './extract.js';
import { writeWithGemini } from './gemini-writer.js';

/** The longest side of a reference as sent to the text model: enough to see a style, small enough to send ten. */
const SEND_SIZE = 768;

/** `style.extract`: measure the references, then have Gemini write the fragment from them, or compose it offline. */
export async function extractStyle(p: JobPayload<'style.extract'>, ctx: JobContext): Promise<JobResults['style.extract']> {
  ctx.progress(0.05, progressLabel('processingImage'));
  const features = await extractFeatures(p.images, (done) => ctx.progress(0.05 + (0.6 * done) / p.images.length, progressLabel('processingImage')));
  const gemini = p.writer === 'gemini' ? providersConfigFromEnv({ ...process.env, ...ctx.secrets }).gemini : undefined;
  if (!gemini) return { features, writing: composeWriting(features, p.language) };
  ctx.progress(0.7, progressLabel('writing'));
  const images = await Promise.all(
    p.images.map(async (file) => ({ bytes: await sharp(await fs.readFile(file)).rotate().resize(SEND_SIZE, SEND_SIZE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 85 }).toBuffer(), mimeType: 'image/jpeg' })),
  );
  return { features, writing: await writeWithGemini(gemini, images, features, p.language, ctx.signal) };
}
