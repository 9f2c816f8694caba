import { describe, expect, it } from 'vitest';
import { outputSize, parseTimeline, timelineSchema, TIMELINE_LIMITS } from '../../src/shared/timeline.js';

const scene = { image: 'a.png', duration: 5 };

function problems(input: unknown): string {
  const res = parseTimeline(input);
  if (res.ok) throw new Error('expected the timeline to be refused');
  return res.problems.map((p) => `${p.field}: ${p.message}`).join('\n');
}

describe('timeline schema', () => {
  it('accepts the example of the issue and fills the defaults', () => {
    const t = timelineSchema.parse({
      version: 1,
      aspect: '9:16',
      height: 1920,
      fps: 30,
      quality: 'standard',
      scenes: [
        { image: 'a.png', duration: 5, motion: 'zoom-in', fit: 'cover', caption: '團圓飯開動囉！', voice: 'a.wav' },
        { video: 'b.mp4', trim: 1.5, duration: 4, fit: 'contain', caption: 'Happy New Year' },
      ],
      transition: { type: 'dissolve', duration: 0.5 },
      music: { path: 'bgm.mp3', volume: 0.35, duck: true, fadeOut: 2 },
      subtitles: { size: 64, position: 'bottom', color: '#FFFFFF', outline: '#000000' },
      watermark: { text: 'KingJam Studio', position: 'bottom-right' },
      output: 'out.mp4',
    });
    expect(t.scenes[1]!.motion).toBe('none');
    const minimal = timelineSchema.parse({ version: 1, aspect: '4:5', scenes: [scene] });
    expect(minimal.fps).toBe(30);
    expect(minimal.quality).toBe('standard');
    expect(minimal.transition.type).toBe('none');
    expect(minimal.scenes[0]!.fit).toBe('cover');
  });

  it('derives the output size from the aspect (defaults) or the height', () => {
    expect(outputSize({ aspect: '9:16', height: undefined })).toEqual({ width: 1080, height: 1920 });
    expect(outputSize({ aspect: '16:9', height: undefined })).toEqual({ width: 1920, height: 1080 });
    expect(outputSize({ aspect: '1:1', height: undefined })).toEqual({ width: 1080, height: 1080 });
    expect(outputSize({ aspect: '4:5', height: undefined })).toEqual({ width: 1080, height: 1350 });
    expect(outputSize({ aspect: '9:16', height: 480 })).toEqual({ width: 270, height: 480 });
    expect(outputSize({ aspect: '16:9', height: 721 })).toEqual({ width: 1284, height: 722 });
  });

  it('names the field of zero or negative durations', () => {
    expect(problems({ version: 1, aspect: '9:16', scenes: [{ image: 'a.png', duration: 0 }] })).toMatch(/scenes\.0\.duration: must be greater than zero/);
    expect(problems({ version: 1, aspect: '9:16', scenes: [scene, { image: 'b.png', duration: -2 }] })).toMatch(/scenes\.1\.duration/);
  });

  it('refuses unknown aspects and transitions, listing the allowed ones', () => {
    expect(problems({ version: 1, aspect: '3:2', scenes: [scene] })).toMatch(/aspect: aspect must be one of 9:16, 16:9, 1:1, 4:5/);
    expect(problems({ version: 1, aspect: '1:1', scenes: [scene, scene], transition: { type: 'spiral', duration: 1 } })).toMatch(
      /transition\.type: transition type must be one of none, fade, dissolve, slideleft, slideright, wipeup/,
    );
  });

  it('refuses timelines over the limits with the limit named', () => {
    const many = Array.from({ length: TIMELINE_LIMITS.maxScenes + 1 }, () => ({ image: 'a.png', duration: 1 }));
    expect(problems({ version: 1, aspect: '9:16', scenes: many })).toMatch(/at most 200 scenes/);
    const long = [{ image: 'a.png', duration: 400 }, { image: 'b.png', duration: 201 }];
    expect(problems({ version: 1, aspect: '9:16', scenes: long })).toMatch(/lasts 601\.0 s; the limit is 600 s \(10 minutes\)/);
  });

  it('needs exactly one of image/video per scene, and a transition no longer than any scene', () => {
    expect(problems({ version: 1, aspect: '9:16', scenes: [{ duration: 2 }] })).toMatch(/exactly one of "image" or "video"/);
    expect(problems({ version: 1, aspect: '9:16', scenes: [{ image: 'a', video: 'b', duration: 2 }] })).toMatch(/exactly one/);
    expect(problems({ version: 1, aspect: '9:16', scenes: [{ image: 'a', trim: 1, duration: 2 }] })).toMatch(/scenes\.0\.trim/);
    expect(
      problems({ version: 1, aspect: '9:16', scenes: [scene, { image: 'b', duration: 0.4 }], transition: { type: 'fade', duration: 0.5 } }),
    ).toMatch(/scenes\.1\.duration: scene 2 lasts 0\.4 s, shorter than the 0\.5 s transition/);
    expect(problems({ version: 1, aspect: '9:16', scenes: [{ ...scene, motion: 'spin' }] })).toMatch(/motion must be one of/);
    expect(problems({ version: 2, aspect: '9:16', scenes: [scene] })).toMatch(/only timeline version 1/);
    expect(problems({ version: 1, aspect: '9:16', scenes: [{ ...scene, colour: 'red' }] })).toMatch(/colour/);
  });
});
