import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DirectorRequest, DirectorScene, DirectorScript, SceneRender } from '../../shared/generate/requests.js';
import type { TimelineInput } from '../../shared/timeline.js';
import { resourcesDir } from '../paths.js';

/**
 * The Director's scene data as media: which render still matches a scene,
 * and the timeline its rendered scenes compose into.
 */

const MUSIC_BED = 'music/warm-bed.m4a';

/** What a scene's render depends on: a render whose hash still matches is reused, so editing one scene re-renders only that one. */
export function sceneHash(scene: DirectorScene, r: DirectorRequest): string {
  return createHash('sha256').update(JSON.stringify({ scene, backend: r.backend, aspect: r.aspect, voice: r.voice, language: r.language, text: r.text })).digest('hex').slice(0, 16);
}

/** The Director's scenes as a media-engine timeline: clips or animated stills, captions, voice-over, ducked music. */
export function directorTimeline(request: DirectorRequest, script: DirectorScript, renders: SceneRender[]): TimelineInput {
  const transitions = script.scenes.slice(0, -1).map((s) => s.transition);
  const common = transitions.sort((a, b) => transitions.filter((t) => t === b).length - transitions.filter((t) => t === a).length)[0] ?? 'none';
  // A render lasts its scene, or longer where its narration needed more time (measured by the worker).
  const durations = script.scenes.map((s, i) => Math.max(s.duration, renders[i]!.durationSec));
  const shortest = Math.min(...durations);
  return {
    version: 1,
    aspect: request.aspect,
    ...(request.height ? { height: request.height } : {}),
    fps: 30,
    quality: request.quality,
    scenes: script.scenes.map((s, i) => {
      const r = renders[i]!;
      return {
        ...(r.kind === 'video' ? { video: r.path } : { image: r.path, motion: s.motion }),
        duration: durations[i]!,
        fit: 'cover' as const,
        ...(s.caption ? { caption: s.caption } : {}),
        ...(r.voicePath ? { voice: r.voicePath } : {}),
      };
    }),
    transition: { type: common, duration: Math.min(0.5, shortest / 2) },
    ...(request.music ? { music: { path: path.join(resourcesDir(), MUSIC_BED), volume: 0.35, duck: true, fadeOut: 1.5 } } : {}),
    ...(renders.some((r) => r.draft) ? { watermark: { text: 'KingJam Studio · DRAFT', position: 'top-right' as const } } : {}),
  };
}

/** The cut's file name stem: the title in ASCII, or the project's id where the title has too little of it (a Chinese title). */
export function cutSlug(title: string, id: string): string {
  const ascii = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return ascii.length >= 3 ? ascii.slice(0, 60) : `video-${id.slice(0, 8)}`;
}
