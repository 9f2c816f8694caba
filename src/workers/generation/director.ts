import fs from 'node:fs/promises';
import path from 'node:path';
import { directorScriptSchema, type DirectorScript, type SceneRender } from '../../shared/generate/requests.js';
import { toneById, type ToneId } from '../../shared/generate/tones.js';
import type { JobPayload } from '../../shared/jobs/kinds.js';
import { backendModel, clipSecondsFor, creditsOn, textCredits } from '../../shared/pricing.js';
import type { JobContext } from '../context.js';
import type { ImageInput, ProviderRegistry } from './providers/index.js';
import { registryFor } from './registry.js';
import { progressLabel, type ProgressLabel } from '../../shared/progress-labels.js';
import { providerFailedBecause } from './providers/errors.js';

/** Stage 1: a topic becomes structured, editable scenes. */
export async function writeScript(p: JobPayload<'director.script'>, ctx: JobContext): Promise<{ script: DirectorScript; draft: boolean; creditsUsed: number }> {
  const r = p.request;
  const tone = toneById(r.tone as ToneId);
  ctx.progress(0.1, progressLabel('writingScript'));
  const structured = registryFor(ctx).resolve('structured', r.text);
  const out = await structured.use.generateObject(
    {
      system: `You are a short-video director. Tone: ${tone.label.en}. ${tone.guide}`,
      prompt: [
        `Write a vertical short video about: ${r.topic}, in ${r.language}.`,
        `Use exactly ${r.sceneCount} scenes, ${r.targetSeconds} seconds in total (each 2–10 s).`,
        'For each scene: the narration (spoken), an on-screen caption of at most 40 characters, a visual prompt for an image/video model (no text in the picture), its duration, a camera motion and the transition into the next scene.',
        r.keywords.length ? `Keywords: ${r.keywords.join(', ')}.` : '',
      ].filter(Boolean).join('\n'),
      schema: directorScriptSchema,
      schemaName: 'DirectorScript',
      brief: { topic: r.topic, tone: r.tone, language: r.language, keywords: r.keywords, form: 'script', length: r.targetSeconds },
    },
    { signal: ctx.signal },
  );
  ctx.progress(1, progressLabel('done'));
  return { script: out.value, draft: out.draft, creditsUsed: creditsOn(r.text.provider, textCredits(r.text)) };
}

async function firstFrame(registry: ProviderRegistry, p: JobPayload<'director.scene'>, ctx: JobContext, provider: 'cloud' | 'gemini' | 'offline'): Promise<{ image: ImageInput; path: string }> {
  const result = await registry.resolve('image', { provider }).use.generateImage(
    { prompt: p.scene.visualPrompt, aspectRatio: p.aspect, quality: 'standard', brief: { topic: p.topic, language: p.language, headline: p.scene.caption } },
    { signal: ctx.signal },
  );
  const first = result.images[0];
  if (!first) throw providerFailedBecause(provider, 'noImage', true);
  const file = path.join(p.outDir, `scene-${p.index + 1}-frame.png`);
  await fs.writeFile(file, first.bytes);
  return { image: { bytes: first.bytes, mimeType: first.mimeType }, path: file };
}

/**
 * Stage 2, one scene: a clip from the chosen backend (Kling, Veo, ComfyUI),
 * or a still the compositor animates (Imagen + FFmpeg, offline), plus its
 * voice-over when a speech provider was chosen.
 */
export async function renderScene(p: JobPayload<'director.scene'>, ctx: JobContext): Promise<SceneRender & { creditsUsed: number }> {
  await fs.mkdir(p.outDir, { recursive: true });
  const registry = registryFor(ctx);
  const call = { signal: ctx.signal, onProgress: (f: number, m?: ProgressLabel) => ctx.progress(0.1 + 0.7 * f, m ?? progressLabel('rendering')) };
  const base = path.join(p.outDir, `scene-${p.index + 1}`);
  const seconds = clipSecondsFor(p.backend, p.scene.duration);
  ctx.progress(0.05, progressLabel('renderingWith', { backend: p.backend }));
  // KingJam Cloud renders the paid backends when the user chose it (paid in credits); otherwise the user's own keys do.
  const cloud = p.via === 'cloud' ? ('cloud' as const) : null;
  const hasGemini = registry.list().some((x) => x.id === 'gemini');
  let render: SceneRender;
  switch (p.backend) {
    case 'offline': {
      const v = await registry.resolve('video', { provider: 'offline' }).use.generateVideo(
        { prompt: p.scene.visualPrompt, aspectRatio: p.aspect, durationSec: p.scene.duration, outPath: `${base}.png`, brief: { topic: p.topic, language: p.language, headline: p.scene.caption } },
        call,
      );
      render = { kind: v.kind, path: v.path, durationSec: p.scene.duration, voicePath: null, draft: v.draft };
      break;
    }
    case 'imagen-ffmpeg': {
      const frame = await firstFrame(registry, p, ctx, cloud ?? 'gemini');
      render = { kind: 'still', path: frame.path, durationSec: p.scene.duration, voicePath: null, draft: false };
      break;
    }
    case 'kling-v2.1':
    case 'kling-v2.1-pro': {
      // Kling animates a first frame: drawn by the cloud, or by Gemini when it is set up, else an offline design.
      const frame = await firstFrame(registry, p, ctx, cloud ?? (hasGemini ? 'gemini' : 'offline'));
      const v = await registry.resolve('video', { provider: cloud ?? 'replicate', model: p.backend }).use.generateVideo(
        { prompt: p.scene.visualPrompt, aspectRatio: p.aspect, durationSec: seconds, image: frame.image, outPath: `${base}.mp4` },
        call,
      );
      render = { kind: v.kind, path: v.path, durationSec: p.scene.duration, voicePath: null, draft: v.draft };
      break;
    }
    case 'veo-3':
    case 'veo-3-fast': {
      const provider = cloud ?? (hasGemini ? 'gemini' : 'replicate');
      // On the cloud, Veo goes through the gateway's Gemini mount under its Gemini id.
      const model = cloud ? (backendModel(p.backend)?.id ?? p.backend) : p.backend;
      const v = await registry.resolve('video', { provider, model }).use.generateVideo(
        { prompt: p.scene.visualPrompt, aspectRatio: p.aspect === '1:1' ? '9:16' : p.aspect, durationSec: seconds, outPath: `${base}.mp4` },
        call,
      );
      render = { kind: v.kind, path: v.path, durationSec: p.scene.duration, voicePath: null, draft: v.draft };
      break;
    }
    case 'comfyui': {
      const v = await registry.resolve('video', { provider: 'comfyui' }).use.generateVideo(
        { prompt: p.scene.visualPrompt, aspectRatio: p.aspect, durationSec: p.scene.duration, outPath: `${base}.mp4` },
        call,
      );
      render = { kind: v.kind, path: v.path, durationSec: p.scene.duration, voicePath: null, draft: v.draft };
      break;
    }
  }
  let speechCost = 0;
  if (p.voice && p.scene.narration.trim()) {
    const speakers = registry.offering('speech').map((x) => x.id);
    if (speakers.includes(p.voice)) {
      ctx.progress(0.85, progressLabel('recordingVoice'));
      const speech = await registry.resolve('speech', { provider: p.voice }).use.synthesize(
        { text: p.scene.narration, language: p.language, outPath: `${base}-voice.wav` },
        { signal: ctx.signal },
      );
      render.voicePath = speech.path;
      speechCost = p.prices.voice;
    }
  }
  ctx.progress(1, progressLabel('done'));
  return { ...render, creditsUsed: p.prices.scene + speechCost };
}
