import fs from 'node:fs/promises';
import path from 'node:path';
import { directorScriptSchema, type DirectorScript, type SceneRender } from '../../shared/generate/requests.js';
import { toneById, type ToneId } from '../../shared/generate/tones.js';
import type { JobPayload } from '../../shared/jobs/kinds.js';
import { clipSecondsFor, creditsOn, narrationCredits, TEXT_CALLS, textCredits } from '../../shared/pricing.js';
import { videoModelFor } from '../../shared/models.js';
import type { JobContext } from '../context.js';
import type { ImageInput, ProviderRegistry } from './providers/index.js';
import { registryFor } from './registry.js';
import { progressLabel, type ProgressLabel } from '../../shared/progress-labels.js';
import { providerFailedBecause } from './providers/errors.js';
import { ffprobe } from '../media/ff/run.js';
import { comfyStyleAdapter, loraTag, withStyle } from '../style/apply.js';
import { styledPrompt } from '../../shared/style/profile.js';

/** Quiet after a narration before the scene ends, when the scene had to grow to hold it. */
export const NARRATION_TAIL_SEC = 0.5;

/** How long a scene lasts so its whole narration is heard: its own length, or the narration's plus a short tail. */
export function sceneSecondsFor(sceneSec: number, narrationSec: number): number {
  const needed = Math.ceil((narrationSec + NARRATION_TAIL_SEC) * 10) / 10;
  return Math.max(sceneSec, needed);
}

/** The real length of an audio file, as ffprobe reads it from the file (not what the provider said). */
async function audioSeconds(file: string): Promise<number> {
  const probe = await ffprobe(file);
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  return Number(audio?.duration ?? probe.format.duration ?? 0);
}

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
    { signal: ctx.signal, jobId: ctx.jobId },
  );
  ctx.progress(1, progressLabel('done'));
  return { script: out.value, draft: out.draft, creditsUsed: creditsOn(r.text.provider, textCredits(r.text, TEXT_CALLS.script)) };
}

async function firstFrame(registry: ProviderRegistry, p: JobPayload<'director.scene'>, ctx: JobContext, provider: 'cloud' | 'gemini' | 'replicate' | 'offline'): Promise<{ image: ImageInput; path: string }> {
  const result = await registry.resolve('image', { provider }).use.generateImage(
    // The visual prompt already carries the style's fragment (renderScene); the frame gets its seed, negative prompt and references.
    await withStyle({ prompt: p.scene.visualPrompt, aspectRatio: p.aspect, quality: 'standard', brief: { topic: p.topic, language: p.language, headline: p.scene.caption } }, p.style && { ...p.style, promptFragment: '' }, provider),
    { signal: ctx.signal, jobId: ctx.jobId },
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
export async function renderScene(payload: JobPayload<'director.scene'>, ctx: JobContext): Promise<SceneRender & { creditsUsed: number }> {
  // A locked style named by the request (resolved by main into the payload): its fragment joins every backend's visual prompt.
  const p = payload.style ? { ...payload, scene: { ...payload.scene, visualPrompt: styledPrompt(payload.scene.visualPrompt, payload.style) } } : payload;
  await fs.mkdir(p.outDir, { recursive: true });
  const registry = registryFor(ctx);
  const call = { signal: ctx.signal, jobId: ctx.jobId, onProgress: (f: number, m?: ProgressLabel) => ctx.progress(0.1 + 0.7 * f, m ?? progressLabel('rendering')) };
  const base = path.join(p.outDir, `scene-${p.index + 1}`);
  const seconds = clipSecondsFor(p.backend, p.scene.duration);
  ctx.progress(0.05, progressLabel('renderingWith', { backend: p.backend }));
  // KingJam Cloud renders the paid backends when the user chose it (paid in credits); otherwise the user's own keys do.
  const cloud = p.via === 'cloud' ? ('cloud' as const) : null;
  const hasGemini = registry.list().some((x) => x.id === 'gemini');
  let render: SceneRender;
  switch (p.backend) {
    case 'offline': {
      // The style's fixed seed draws every scene with the same colours and shapes, as it does for the other backends' frames.
      const seed = p.style && p.style.seed !== null ? { seed: p.style.seed } : {};
      const v = await registry.resolve('video', { provider: 'offline' }).use.generateVideo(
        { prompt: p.scene.visualPrompt, aspectRatio: p.aspect, durationSec: p.scene.duration, outPath: `${base}.png`, brief: { topic: p.topic, language: p.language, headline: p.scene.caption }, ...seed },
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
      // Kling animates a first frame: drawn by the cloud, or by Gemini when it is set up, else Replicate (whose key Kling
      // runs on), so a Replicate key alone makes a real scene; the offline design only when none is there.
      const frame = await firstFrame(registry, p, ctx, cloud ?? (hasGemini ? 'gemini' : registry.has('replicate') ? 'replicate' : 'offline'));
      const v = await registry.resolve('video', { provider: cloud ?? 'replicate', model: p.backend }).use.generateVideo(
        { prompt: p.scene.visualPrompt, aspectRatio: p.aspect, durationSec: seconds, image: frame.image, outPath: `${base}.mp4` },
        call,
      );
      render = { kind: v.kind, path: v.path, durationSec: p.scene.duration, voicePath: null, draft: v.draft };
      break;
    }
    case 'veo-3':
    case 'veo-3-fast': {
      // The backend is the studio's name; each upstream gets its own model id (Gemini's Veo 3.1 ids, Replicate's google/veo-3.1…);
      // on the cloud, Veo goes through the gateway's Gemini mount under its Gemini id.
      const provider = cloud ?? (hasGemini ? 'gemini' : 'replicate');
      const model = videoModelFor(p.backend, provider === 'replicate' ? 'replicate' : 'gemini') ?? p.backend;
      const v = await registry.resolve('video', { provider, model }).use.generateVideo(
        { prompt: p.scene.visualPrompt, aspectRatio: p.aspect === '1:1' ? '9:16' : p.aspect, durationSec: seconds, outPath: `${base}.mp4` },
        call,
      );
      render = { kind: v.kind, path: v.path, durationSec: p.scene.duration, voicePath: null, draft: v.draft };
      break;
    }
    case 'comfyui': {
      // The style's reference rides along for the IP-Adapter nodes the provider adds (or it says why it could not), its LoRA as the prompt tag.
      const adapter = await comfyStyleAdapter(p.style);
      const v = await registry.resolve('video', { provider: 'comfyui' }).use.generateVideo(
        { prompt: p.scene.visualPrompt + loraTag(p.style), aspectRatio: p.aspect, durationSec: p.scene.duration, outPath: `${base}.mp4`, ...adapter },
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
        { signal: ctx.signal, jobId: ctx.jobId },
      );
      // Measured, so a narration longer than its scene lengthens the scene instead of being cut mid-sentence,
      // and is charged by the minutes it really lasts (never more than the scene's hold).
      const voiceSec = await audioSeconds(speech.path);
      render.voicePath = speech.path;
      render.durationSec = sceneSecondsFor(render.durationSec, voiceSec);
      speechCost = Math.min(p.prices.voice, narrationCredits(p.voice, voiceSec));
    }
  }
  ctx.progress(1, progressLabel('done'));
  return { ...render, creditsUsed: p.prices.scene + speechCost };
}
