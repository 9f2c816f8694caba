import { GoogleGenAI } from '@google/genai';
import { z } from 'zod';
import type { Language } from '../../shared/settings.js';
import type { StyleFeatures, StyleWriting } from '../../shared/style/features.js';
import { STYLE_LIMITS } from '../../shared/style/profile.js';
import { geminiConfigSchema, type GeminiConfigInput } from '../generation/providers/config.js';
import { asStudioError } from '../generation/providers/errors.js';
import { createFetch } from '../generation/providers/http.js';
import { classifyGemini } from '../generation/providers/gemini.js';
import { GEMINI_DEFAULTS } from '../generation/providers/gemini-models.js';

/**
 * The prompt fragment written by Gemini from the reference images
 * themselves (multimodal generateContent: the images as inline parts, then
 * the instruction and the measured numbers), answered as JSON. Uses the
 * studio's Gemini configuration — the same key, base URL, timeout and retry
 * policy and error classification as the generation provider.
 */
const answerSchema = z.object({
  promptFragment: z.string().trim().min(10).max(STYLE_LIMITS.fragmentChars),
  negativePrompt: z.string().trim().max(STYLE_LIMITS.negativeChars),
});

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-TW': 'Traditional Chinese (Taiwan)', 'zh-CN': 'Simplified Chinese' };

export function instruction(features: StyleFeatures, language: Language): string {
  const palette = features.palette.map((c) => `${c.hex} (${Math.round(c.weight * 100)}%)`).join(', ');
  return [
    'These images share one visual style. Describe that style — not the subjects — as a prompt fragment an image model can append to any prompt:',
    'medium and rendering, palette, lighting, line work, texture, composition habits. At most 60 words, comma-separated phrases.',
    'Also give a negative prompt: what would break this style.',
    `Measured: palette ${palette}; mean luminance ${features.lighting.meanLuminance}/100, contrast ${features.lighting.contrast};`,
    `edge density ${features.lines.edgeDensity}, line thickness ≈ ${features.lines.lineThicknessPx}px at 256px.`,
    `Write both in ${LANGUAGE_NAMES[language]}. Answer JSON: {"promptFragment": "...", "negativePrompt": "..."}.`,
  ].join('\n');
}

export async function writeWithGemini(
  config: GeminiConfigInput,
  images: { bytes: Buffer; mimeType: string }[],
  features: StyleFeatures,
  language: Language,
  signal?: AbortSignal,
): Promise<StyleWriting> {
  const c = geminiConfigSchema.parse(config);
  const fetch = createFetch({ provider: 'gemini', timeoutMs: c.timeoutMs, retry: c.retry, classify: classifyGemini });
  const client = new GoogleGenAI({ apiKey: c.apiKey, httpOptions: { apiVersion: c.apiVersion, fetch, ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}) } });
  const model = c.replacements[GEMINI_DEFAULTS.text] ?? GEMINI_DEFAULTS.text;
  try {
    const res = await client.models.generateContent({
      model,
      contents: [{ role: 'user', parts: [...images.map((i) => ({ inlineData: { mimeType: i.mimeType, data: i.bytes.toString('base64') } })), { text: instruction(features, language) }] }],
      config: { responseMimeType: 'application/json', temperature: 0.4, ...(signal ? { abortSignal: signal } : {}) },
    });
    const text = res.candidates?.[0]?.content?.parts?.map((p) => p.text ?? '').join('') ?? '';
    const answer = answerSchema.parse(JSON.parse(text));
    return { ...answer, provider: 'gemini', model: res.modelVersion ?? model, draft: false };
  } catch (err) {
    throw asStudioError('gemini', err, signal);
  }
}
