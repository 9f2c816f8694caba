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

/** The transitions drawn by xfade; dissolve and fade are drawn by abRollChains. */
const XFADE_NAME: Record<Exclude<TransitionType, 'none' | 'dissolve' | 'fade'>, string> = {
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

/**
 * The hash ffmpeg's own dissolve (xfade) gives every pixel: the second clip
 * shows where it is under the transition's progress. Drawn once per render.
 */
const NOISE = (x: string, y: string): string => {
  const r = `sin(${x}*12.9898+${y}*78.233)*43758.545`;
  return `256*(${r}-floor(${r}))`;
};

/** Same-valued planes: a lutyuv/geq option list setting Y, U and V to one expression. */
const allPlanes = (lum: string, key: 'y' | 'lum' = 'lum'): string =>
  key === 'y' ? `y='${lum}':u='${lum}':v='${lum}'` : `lum='${lum}':cb='${lum}':cr='${lum}'`;

/** `frames` copies of one frame whose every sample is `value` (a mask of the A/B roll). */
function constantFrames(W: number, H: number, fps: number, frames: number, value: number, label: string): string {
  return `nullsrc=s=${W}x${H}:r=${fps},trim=end_frame=1,format=yuv420p,setsar=1,lutyuv=${allPlanes(String(value), 'y')},loop=loop=${frames - 1}:size=1:start=0,settb=1/${fps},setpts=N[${label}]`;
}

/**
 * Dissolves and fades as an A/B roll: the even scenes play on roll A, the odd
 * ones on roll B (each holding a frame through the other's scenes), and one
 * maskedmerge picks between the rolls with a mask that is 0 or 255 outside
 * the transitions and blends inside them. The rolls and the mask advance in
 * step, so nothing is buffered, and everything stays yuv420p: xfade in the
 * ffmpeg we ship converts every frame it sees to 4:4:4 and back, which over a
 * chain of whole clips was about 40 % of a render's CPU, and its dissolve
 * hashes every pixel of every transition frame with a sine. Here the hash is
 * drawn once and each transition frame only compares it with the frame's
 * threshold through a lookup table. Chroma takes the hash of its block's
 * top-left pixel.
 */
function abRollChains(plan: Plan, clipLabels: string[], transition: 'dissolve' | 'fade'): string[] {
  const { fps, width: W, height: H, totalFrames, scenes } = plan;
  const T = plan.transitionFrames;
  const last = scenes.length - 1;
  const chains: string[] = [];

  for (const roll of [0, 1]) {
    const own = scenes.filter((s) => s.index % 2 === roll);
    const segments = own.map((s, k) => {
      const before = k === 0 ? s.startFrame : 0;
      const end = own[k + 1]?.startFrame ?? totalFrames;
      const after = end - (s.startFrame + s.clipFrames);
      // tpad numbers its clones from 0 whatever came before; concat needs steady timestamps to place the next segment.
      const pad = before > 0 || after > 0 ? `tpad=start_mode=clone:start=${before}:stop_mode=clone:stop=${after},settb=1/${fps},setpts=N` : 'null';
      chains.push(`[${clipLabels[s.index]}]${pad}[roll${roll}s${k}]`);
      return `[roll${roll}s${k}]`;
    });
    chains.push(segments.length === 1 ? `${segments[0]}null[roll${roll}]` : `${segments.join('')}concat=n=${segments.length}:v=1:a=0[roll${roll}]`);
  }

  if (transition === 'dissolve') {
    const outs = scenes.slice(1).map((s) => `[dnoise${s.index}]`);
    chains.push(
      `nullsrc=s=${W}x${H}:r=${fps},trim=end_frame=1,format=yuv420p,setsar=1,` +
        `geq=lum='${NOISE('X', 'Y')}':cb='${NOISE('2*X', '2*Y')}':cr='${NOISE('2*X', '2*Y')}',split=${outs.length}${outs.join('')}`,
    );
  }
  const mask: string[] = [];
  for (const s of scenes) {
    const i = s.index;
    if (i > 0) {
      // Frame k of the overlap: xfade's progress is k/T towards the scene coming in, on roll i % 2.
      const toB = i % 2 === 1;
      const step = `nullsrc=s=16x16:r=${fps},trim=end_frame=${T},format=yuv420p`;
      const grow = `scale=${W}:${H}:flags=neighbor,setsar=1,settb=1/${fps},setpts=N`;
      if (transition === 'dissolve') {
        // Pick the incoming roll where the hash is under 256·k/T.
        const pick = toB ? `'255*ceil((y-x)/256)'` : `'255*ceil((x-y+1)/256)'`;
        chains.push(
          `[dnoise${i}]loop=loop=${T - 1}:size=1:start=0,settb=1/${fps},setpts=N[dn${i}]`,
          `${step},geq=${allPlanes(`round(256*N/${T})`)},${grow}[dk${i}]`,
          `[dn${i}][dk${i}]lut2=c0=${pick}:c1=${pick}:c2=${pick}[mask${i}o]`,
        );
      } else {
        chains.push(`${step},geq=${allPlanes(toB ? `round(255*N/${T})` : `255-round(255*N/${T})`)},${grow}[mask${i}o]`);
      }
      mask.push(`[mask${i}o]`);
    }
    // Where scene i alone is on screen the mask shows its roll.
    const from = i > 0 ? s.startFrame + T : 0;
    const to = i < last ? scenes[i + 1]!.startFrame : totalFrames;
    if (to > from) {
      chains.push(constantFrames(W, H, fps, to - from, i % 2 === 0 ? 0 : 255, `mask${i}s`));
      mask.push(`[mask${i}s]`);
    }
  }
  chains.push(`${mask.join('')}concat=n=${mask.length}:v=1:a=0[mask]`, `[roll0][roll1][mask]maskedmerge[vjoined]`);
  return chains;
}

/**
 * Transitions that move pixels (slides, wipes) through xfade, on the overlaps
 * only: each clip is split into its head (blended with the previous clip), its
 * body and its tail (blended with the next), and concat strings bodies and
 * overlaps together, so only the overlap frames pay xfade's 4:4:4 conversion.
 * xfade pulls its inputs only when asked, which keeps the bodies unbuffered.
 */
function xfadeOverlapChains(plan: Plan, clipLabels: string[], transition: keyof typeof XFADE_NAME): string[] {
  const { fps } = plan;
  const T = plan.transitionFrames;
  const last = plan.scenes.length - 1;
  const chains: string[] = [];
  const segments: string[] = [];
  for (const s of plan.scenes) {
    const i = s.index;
    const parts: { label: string; from: number; to: number }[] = [];
    if (i > 0) parts.push({ label: `head${i}`, from: 0, to: T });
    const bodyFrom = i > 0 ? T : 0;
    const bodyTo = s.clipFrames - (i < last ? T : 0);
    // A middle scene exactly as long as the transition is all overlap: it has no body.
    if (bodyTo > bodyFrom) parts.push({ label: `body${i}`, from: bodyFrom, to: bodyTo });
    if (i < last) parts.push({ label: `tail${i}`, from: s.clipFrames - T, to: s.clipFrames });
    chains.push(`[${clipLabels[i]}]split=${parts.length}${parts.map((p) => `[${p.label}in]`).join('')}`);
    for (const p of parts) chains.push(`[${p.label}in]trim=start_frame=${p.from}:end_frame=${p.to},setpts=PTS-STARTPTS[${p.label}]`);
    if (i > 0) {
      chains.push(`[tail${i - 1}][head${i}]xfade=transition=${XFADE_NAME[transition]}:duration=${sec(T, fps)}:offset=0,format=yuv420p[overlap${i}]`);
      segments.push(`overlap${i}`);
    }
    if (bodyTo > bodyFrom) segments.push(`body${i}`);
  }
  chains.push(`${segments.map((l) => `[${l}]`).join('')}concat=n=${segments.length}:v=1:a=0[vjoined]`);
  return chains;
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

  // Video: each clip carries the transition's extra frames, so the total stays the sum of durations.
  let vcur = videoLabels[0]!;
  if (plan.scenes.length > 1) {
    if (useXfade) {
      const t = opts.transition as Exclude<TransitionType, 'none'>;
      chains.push(...(t === 'dissolve' || t === 'fade' ? abRollChains(plan, videoLabels, t) : xfadeOverlapChains(plan, videoLabels, t)));
    } else {
      chains.push(`${videoLabels.map((l) => `[${l}]`).join('')}concat=n=${videoLabels.length}:v=1:a=0[vjoined]`);
    }
    vcur = 'vjoined';
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
