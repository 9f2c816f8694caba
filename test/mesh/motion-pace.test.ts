import { describe, expect, it } from 'vitest';
import { MotionPace, SLOW_FRAME_MS, SLOW_FRAMES_TO_SWITCH } from '../../src/renderer/pages/builder3d/motionPace.js';

/** The 3D preview's choice of level in motion, from the animation frames' times. */
function frames(pace: MotionPace, gaps: number[], start = 1000): boolean[] {
  let at = start;
  return gaps.map((gap) => pace.frame(true, (at += gap)));
}

describe('MotionPace', () => {
  it('keeps the full level on a machine that keeps up (60 Hz frames, with one late one)', () => {
    const pace = new MotionPace();
    frames(pace, [16.7, 16.7, 40, 16.7, 16.7, 16.7, 16.6, 16.8]);
    expect(pace.coarse).toBe(false);
  });

  it('switches to the coarse level after that many slow frames in a row, once', () => {
    const pace = new MotionPace();
    const switched = frames(pace, [120, 120, 120, 120, 120, 120]);
    // The first frame has no frame before it; the next SLOW_FRAMES_TO_SWITCH are timed slow.
    expect(switched.indexOf(true)).toBe(SLOW_FRAMES_TO_SWITCH);
    expect(switched.filter(Boolean)).toHaveLength(1);
    expect(pace.coarse).toBe(true);
  });

  it('does not count the gap across a rest, and slow frames must come in a row', () => {
    const pace = new MotionPace();
    frames(pace, [0, SLOW_FRAME_MS + 10, SLOW_FRAME_MS + 10]);
    // The view stops for a second: the next frame starts a new run.
    pace.frame(false, 3000);
    pace.frame(true, 4000);
    frames(pace, [10, SLOW_FRAME_MS + 10, SLOW_FRAME_MS + 10, 10, SLOW_FRAME_MS + 10], 4000);
    expect(pace.coarse).toBe(false);
  });

  it('starts over for a new model', () => {
    const pace = new MotionPace();
    frames(pace, [100, 100, 100, 100, 100]);
    expect(pace.coarse).toBe(true);
    pace.reset();
    expect(pace.coarse).toBe(false);
  });
});
