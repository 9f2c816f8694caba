import { z } from 'zod';

/**
 * The timeline: the public JSON format that `kingjam compose` renders and the
 * Director writes. Documented in docs/timeline.md. Pure code (zod only): the
 * renderer validates with the same schema before it submits a render job.
 */

export const TIMELINE_LIMITS = {
  /** Total duration in seconds (10 minutes). */
  maxTotalSeconds: 600,
  maxScenes: 200,
  /** A single scene may not be shorter than two frames' worth of time at any fps we allow. */
  minSceneSeconds: 0.1,
  maxFps: 60,
  minFps: 12,
  minHeight: 144,
  maxHeight: 4320,
  maxCaptionChars: 300,
} as const;

export const ASPECTS = ['9:16', '16:9', '1:1', '4:5'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Default output size per aspect (the sizes the platforms ask for). */
export const DEFAULT_SIZE_BY_ASPECT: Record<Aspect, { width: number; height: number }> = {
  '9:16': { width: 1080, height: 1920 },
  '16:9': { width: 1920, height: 1080 },
  '1:1': { width: 1080, height: 1080 },
  '4:5': { width: 1080, height: 1350 },
};

export const QUALITIES = ['draft', 'standard', 'high'] as const;
export type Quality = (typeof QUALITIES)[number];

export const MOTIONS = ['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right'] as const;
export type Motion = (typeof MOTIONS)[number];

export const FITS = ['cover', 'contain'] as const;
export type Fit = (typeof FITS)[number];

export const TRANSITIONS = ['none', 'fade', 'dissolve', 'slideleft', 'slideright', 'wipeup'] as const;
export type TransitionType = (typeof TRANSITIONS)[number];

export const SUBTITLE_POSITIONS = ['bottom', 'middle', 'top'] as const;
export const WATERMARK_POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;

const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #FFFFFF');

const filePath = z.string().trim().min(1, 'must name a file');

/** A positive, finite number of seconds; zero or negative durations are refused with the field named. */
const seconds = z
  .number({ error: 'must be a number of seconds' })
  .finite()
  .positive('must be greater than zero');

export const sceneSchema = z
  .strictObject({
    /** A still (PNG, JPEG, WebP…); exactly one of `image` / `video`. */
    image: filePath.optional(),
    video: filePath.optional(),
    /** Seconds skipped at the start of a video clip. */
    trim: z.number().finite().min(0, 'must be zero or more').optional(),
    duration: seconds.min(TIMELINE_LIMITS.minSceneSeconds, `must be at least ${TIMELINE_LIMITS.minSceneSeconds} s`),
    motion: z.enum(MOTIONS, { error: `motion must be one of ${MOTIONS.join(', ')}` }).default('none'),
    fit: z.enum(FITS, { error: `fit must be one of ${FITS.join(', ')}` }).default('cover'),
    caption: z.string().max(TIMELINE_LIMITS.maxCaptionChars).optional(),
    voice: filePath.optional(),
  })
  .superRefine((s, ctx) => {
    // One object shape with a check, not a union: a union would hide "duration must be > 0" behind "no option matched".
    if ((s.image === undefined) === (s.video === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'a scene needs exactly one of "image" or "video"' });
    }
    if (s.image !== undefined && s.trim !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['trim'], message: '"trim" applies only to video scenes' });
    }
  });

export const transitionSchema = z.strictObject({
  type: z.enum(TRANSITIONS, { error: `transition type must be one of ${TRANSITIONS.join(', ')}` }),
  duration: z.number().finite().min(0).max(5).default(0.5),
});

export const musicSchema = z.strictObject({
  path: filePath,
  volume: z.number().finite().min(0).max(2).default(0.35),
  duck: z.boolean().default(true),
  fadeOut: z.number().finite().min(0).max(30).default(2),
});

export const subtitleStyleSchema = z.strictObject({
  size: z.number().int().min(8).max(400).optional(),
  position: z.enum(SUBTITLE_POSITIONS).default('bottom'),
  color: hexColor.default('#FFFFFF'),
  outline: hexColor.default('#000000'),
});

export const watermarkSchema = z.strictObject({
  text: z.string().min(1).max(80),
  position: z.enum(WATERMARK_POSITIONS).default('bottom-right'),
});

export const timelineSchema = z
  .strictObject({
    version: z.literal(1, { error: 'only timeline version 1 is supported' }),
    aspect: z.enum(ASPECTS, { error: `aspect must be one of ${ASPECTS.join(', ')}` }),
    height: z.number().int().min(TIMELINE_LIMITS.minHeight).max(TIMELINE_LIMITS.maxHeight).optional(),
    fps: z.number().int().min(TIMELINE_LIMITS.minFps).max(TIMELINE_LIMITS.maxFps).default(30),
    quality: z.enum(QUALITIES).default('standard'),
    scenes: z
      .array(sceneSchema)
      .min(1, 'a timeline needs at least one scene')
      .max(TIMELINE_LIMITS.maxScenes, `a timeline may have at most ${TIMELINE_LIMITS.maxScenes} scenes`),
    transition: transitionSchema.default({ type: 'none', duration: 0 }),
    music: musicSchema.optional(),
    subtitles: subtitleStyleSchema.default({ position: 'bottom', color: '#FFFFFF', outline: '#000000' }),
    watermark: watermarkSchema.optional(),
    output: filePath.optional(),
  })
  .superRefine((t, ctx) => {
    const total = t.scenes.reduce((sum, s) => sum + s.duration, 0);
    if (total > TIMELINE_LIMITS.maxTotalSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['scenes'],
        message: `the timeline lasts ${total.toFixed(1)} s; the limit is ${TIMELINE_LIMITS.maxTotalSeconds} s (10 minutes)`,
      });
    }
    const tr = t.transition;
    if (tr.type !== 'none' && tr.duration > 0) {
      // A transition overlaps the end of one scene with the start of the next,
      // so it may not be longer than any scene it joins.
      t.scenes.forEach((s, i) => {
        if (s.duration < tr.duration && t.scenes.length > 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['scenes', i, 'duration'],
            message: `scene ${i + 1} lasts ${s.duration} s, shorter than the ${tr.duration} s transition`,
          });
        }
      });
    }
  });

export type TimelineInput = z.input<typeof timelineSchema>;
export type Timeline = z.output<typeof timelineSchema>;
export type Scene = Timeline['scenes'][number];
export type VideoScene = Scene & { video: string };
export type ImageScene = Scene & { image: string };

export function isVideoScene(scene: Scene): scene is VideoScene {
  return scene.video !== undefined;
}

/** Output width × height: the aspect's default, or `height` with the width derived (both even for yuv420p). */
export function outputSize(t: Pick<Timeline, 'aspect' | 'height'>): { width: number; height: number } {
  const def = DEFAULT_SIZE_BY_ASPECT[t.aspect];
  if (t.height === undefined) return def;
  const height = even(t.height);
  const width = even((height * def.width) / def.height);
  return { width, height };
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/** Default caption size: about 1/30 of the output height (64 px at 1920). */
export function defaultCaptionSize(height: number): number {
  return Math.max(12, Math.round(height / 30));
}

export function timelineDurationSeconds(t: Pick<Timeline, 'scenes'>): number {
  return t.scenes.reduce((sum, s) => sum + s.duration, 0);
}

export interface TimelineProblem {
  /** Dotted path of the offending field, e.g. `scenes.2.duration`. */
  field: string;
  message: string;
}

/** Validate without throwing: the parsed timeline, or every problem with its field named. */
export function parseTimeline(
  input: unknown,
): { ok: true; timeline: Timeline } | { ok: false; problems: TimelineProblem[] } {
  const res = timelineSchema.safeParse(input);
  if (res.success) return { ok: true, timeline: res.data };
  return {
    ok: false,
    problems: res.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(timeline)',
      message: issue.message,
    })),
  };
}
