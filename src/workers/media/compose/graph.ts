import type { Quality, TransitionType } from '../../../shared/timeline.js';
import type { Plan, PlannedScene } from './plan.js';

/**
 * The whole timeline as ONE ffmpeg filter graph: every scene is scaled,
 * moved and timed inside the graph, joined by xfade, captioned by libass and
 * encoded once. No intermediate clips are written, so nothing is encoded
 * twice and memory stays flat regardless of how the scenes are cut.
 */

/** How far Ken Burns zooms (subtle: 15 %). */
const KB_ZOOM = 1.15;
/** Ken Burns upscale before zoompan, per tier. zoompan crops at whole pixels of its input; on a k× larger input one pixel is 1/k of an output pixel, which is what removes the jitter. */
const KB_UPSCALE: Record<Quality, number> = { draft: 1.5, standard: 2, high: 3 };

const XFADE_NAME: Record<Exclude<TransitionType, 'none'>, string> = {
  fade: 'fade',
  dissolve: 'dissolve',
  slideleft: 'slideleft',
  slideright: 'slideright',
  wipeup: 'wipeup',
};

const AUDIO_FMT = 'aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';

/** Escapes a value for a filter option inside a filtergraph (both levels of ffmpeg's escaping). */
export function filterValue(value: string): string {
  const level1 = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return level1.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

function sec(frames: number, fps: number): string {
  return (frames / fps).toFixed(6);
}

export interface GraphInputs {
  /** ffmpeg arguments declaring the inputs, in order. */
  args: string[];
  graph: string;
  videoLabel: string;
  audioLabel: string;
}

export interface GraphOptions {
  quality: Quality;
  transition: TransitionType;
  /** ASS file and font folder when captions or a watermark are burned in. */
  subtitles: { assFile: string; fontsDir: string } | null;
  /** Appended to the final video chain (hardware upload for VAAPI). */
  videoSuffix?: string;
}

function fitChain(fit: PlannedScene['fit'], w: number, h: number): string {
  return fit === 'cover'
    ? `scale=w=${w}:h=${h}:force_original_aspect_ratio=increase:flags=lanczos,crop=${w}:${h}`
    : `scale=w=${w}:h=${h}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=black`;
}

function kenBurns(s: PlannedScene, plan: Plan): { z: string; x: string; y: string } {
  const last = Math.max(1, s.clipFrames - 1);
  const p = `(on/${last})`; // 0 → 1 across the clip
  const centreX = 'iw/2-(iw/zoom/2)';
  const centreY = 'ih/2-(ih/zoom/2)';
  const dz = (KB_ZOOM - 1).toFixed(4);
  switch (s.motion) {
    case 'zoom-in':
      return { z: `1+${dz}*${p}`, x: centreX, y: centreY };
    case 'zoom-out':
      return { z: `${KB_ZOOM}-${dz}*${p}`, x: centreX, y: centreY };
    case 'pan-left': // the view travels left: the crop starts at the right edge
      return { z: String(KB_ZOOM), x: `(iw-iw/zoom)*(1-${p})`, y: centreY };
    case 'pan-right':
      return { z: String(KB_ZOOM), x: `(iw-iw/zoom)*${p}`, y: centreY };
    case 'none':
      void plan;
      return { z: '1', x: '0', y: '0' };
  }
}

export function buildGraph(plan: Plan, opts: GraphOptions): GraphInputs {
  const { width: W, height: H, fps } = plan;
  const args: string[] = [];
  const chains: string[] = [];
  let inputIndex = 0;
  const addInput = (inputArgs: string[]): number => {
    args.push(...inputArgs);
    return inputIndex++;
  };

  const videoLabels: string[] = [];
  const bedLabels: string[] = [];
  const voiceLabels: string[] = [];
  const anyClipAudio = plan.scenes.some((s) => s.kind === 'video' && s.hasAudio);
  const T = plan.transitionFrames;
  const useXfade = T > 0 && opts.transition !== 'none' && plan.scenes.length > 1;

  for (const s of plan.scenes) {
    const v = `v${s.index}`;
    const clipSec = sec(s.clipFrames, fps);
    if (s.kind === 'image') {
      // -framerate makes the still's stream 'fps' so every scene link agrees (xfade checks the link frame rate).
      const idx = addInput(['-framerate', String(fps), '-i', s.file]);
      if (s.motion === 'none') {
        // One scaled frame, repeated: no per-frame scaling for a still shot. (No trailing fps filter: it drops the last frame at EOF.)
        chains.push(
          `[${idx}:v]${fitChain(s.fit, W, H)},setsar=1,format=yuv420p,loop=loop=${s.clipFrames - 1}:size=1:start=0,settb=1/${fps},setpts=N[${v}]`,
        );
      } else {
        const k = KB_UPSCALE[opts.quality];
        const { z, x, y } = kenBurns(s, plan);
        chains.push(
          `[${idx}:v]${fitChain(s.fit, even(W * k), even(H * k))},setsar=1,format=yuv420p,` +
            `zoompan=z='${z}':x='${x}':y='${y}':d=${s.clipFrames}:s=${W}x${H}:fps=${fps},setsar=1,settb=1/${fps}[${v}]`,
        );
      }
      if (anyClipAudio) {
        chains.push(`anullsrc=r=48000:cl=stereo,atrim=duration=${clipSec}[bed${s.index}]`);
        bedLabels.push(`bed${s.index}`);
      }
    } else {
      // Input seeking (-ss before -i) jumps to the trim point without decoding what is skipped; -t bounds the read.
      const readSec = (s.clipFrames / fps + 1).toFixed(3);
      const idx = addInput(['-ss', s.trim.toFixed(3), '-t', readSec, '-i', s.file]);
      chains.push(
        `[${idx}:v]setpts=PTS-STARTPTS,fps=${fps},${fitChain(s.fit, W, H)},setsar=1,format=yuv420p,` +
          `tpad=stop_mode=clone:stop_duration=${clipSec},trim=end_frame=${s.clipFrames},setpts=PTS-STARTPTS[${v}]`,
      );
      if (anyClipAudio) {
        chains.push(
          s.hasAudio
            ? `[${idx}:a]asetpts=PTS-STARTPTS,${AUDIO_FMT},apad,atrim=duration=${clipSec}[bed${s.index}]`
            : `anullsrc=r=48000:cl=stereo,atrim=duration=${clipSec}[bed${s.index}]`,
        );
        bedLabels.push(`bed${s.index}`);
      }
    }
    videoLabels.push(v);

    if (s.voice) {
      const vi = addInput(['-i', s.voice]);
      const startMs = Math.round((s.startFrame / fps) * 1000);
      // A voice longer than its scene is cut (with a short fade) where the next scene's transition ends.
      const maxSec = s.clipFrames / fps;
      chains.push(
        `[${vi}:a]${AUDIO_FMT},atrim=duration=${maxSec.toFixed(6)},afade=t=out:st=${Math.max(0, maxSec - 0.08).toFixed(6)}:d=0.08,` +
          `adelay=delays=${startMs}:all=1[vo${s.index}]`,
      );
      voiceLabels.push(`vo${s.index}`);
    }
  }

  // Video: xfade chain (each clip carries the transition's extra frames, so the total stays the sum of durations) or a plain concat.
  let vcur = videoLabels[0]!;
  if (plan.scenes.length > 1) {
    if (useXfade) {
      for (let i = 1; i < plan.scenes.length; i++) {
        const out = i === plan.scenes.length - 1 ? 'vjoined' : `vx${i}`;
        const name = XFADE_NAME[opts.transition as Exclude<TransitionType, 'none'>];
        chains.push(`[${vcur}][${videoLabels[i]}]xfade=transition=${name}:duration=${sec(T, fps)}:offset=${sec(plan.scenes[i]!.startFrame, fps)}[${out}]`);
        vcur = out;
      }
    } else {
      chains.push(`${videoLabels.map((l) => `[${l}]`).join('')}concat=n=${videoLabels.length}:v=1:a=0[vjoined]`);
      vcur = 'vjoined';
    }
  }
  const total = sec(plan.totalFrames, fps);
  const subs = opts.subtitles
    ? `,subtitles=filename='${filterValue(opts.subtitles.assFile)}':fontsdir='${filterValue(opts.subtitles.fontsDir)}'`
    : '';
  chains.push(`[${vcur}]trim=end_frame=${plan.totalFrames}${subs},format=yuv420p${opts.videoSuffix ?? ''}[vout]`);

  // Audio: the clips' own sound cross-faded like the pictures, the voices placed at their scenes, the music ducked under the voices.
  const mixLabels: string[] = [];
  if (anyClipAudio) {
    let acur = bedLabels[0]!;
    if (bedLabels.length > 1) {
      if (useXfade) {
        for (let i = 1; i < bedLabels.length; i++) {
          const out = `bx${i}`;
          chains.push(`[${acur}][${bedLabels[i]}]acrossfade=d=${sec(T, fps)}:c1=tri:c2=tri[${out}]`);
          acur = out;
        }
      } else {
        chains.push(`${bedLabels.map((l) => `[${l}]`).join('')}concat=n=${bedLabels.length}:v=0:a=1[bx]`);
        acur = 'bx';
      }
    }
    mixLabels.push(acur);
  }

  let voiceKey: string | null = null;
  if (voiceLabels.length > 0) {
    let voices = voiceLabels[0]!;
    if (voiceLabels.length > 1) {
      chains.push(`${voiceLabels.map((l) => `[${l}]`).join('')}amix=inputs=${voiceLabels.length}:duration=longest:normalize=0[voices]`);
      voices = 'voices';
    }
    chains.push(`[${voices}]apad,atrim=duration=${total},asplit=2[vmix][vkey]`);
    mixLabels.push('vmix');
    voiceKey = 'vkey';
  }

  if (plan.music) {
    const m = plan.music;
    const mi = addInput(['-stream_loop', '-1', '-i', m.file]);
    const fadeSec = Math.min(m.fadeOut, plan.durationSec);
    const fade = fadeSec > 0 ? `,afade=t=out:st=${(plan.durationSec - fadeSec).toFixed(6)}:d=${fadeSec.toFixed(6)}` : '';
    chains.push(`[${mi}:a]${AUDIO_FMT},atrim=duration=${total},asetpts=PTS-STARTPTS,volume=${m.volume}${fade}[music]`);
    if (m.duck && voiceKey) {
      // The voice is the key (second input): the music drops by up to ~20 dB while anyone speaks and recovers in 0.4 s.
      chains.push(`[music][${voiceKey}]sidechaincompress=threshold=0.015:ratio=12:attack=15:release=400:knee=2[ducked]`);
      mixLabels.push('ducked');
    } else {
      if (voiceKey) chains.push(`[${voiceKey}]anullsink`);
      mixLabels.push('music');
    }
  } else if (voiceKey) {
    chains.push(`[${voiceKey}]anullsink`);
  }

  if (mixLabels.length === 0) {
    chains.push(`anullsrc=r=48000:cl=stereo,atrim=duration=${total}[aout]`);
  } else if (mixLabels.length === 1) {
    chains.push(`[${mixLabels[0]}]apad,atrim=duration=${total}[aout]`);
  } else {
    chains.push(`${mixLabels.map((l) => `[${l}]`).join('')}amix=inputs=${mixLabels.length}:duration=longest:normalize=0,apad,atrim=duration=${total}[aout]`);
  }

  return { args, graph: chains.join(';\n'), videoLabel: 'vout', audioLabel: 'aout' };
}
