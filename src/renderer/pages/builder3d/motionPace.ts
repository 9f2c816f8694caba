/**
 * When the 3D preview draws its coarse level in motion (previewScene.ts):
 * frames in motion are timed from one animation frame to the next — what
 * the user sees, the GPU's work included — and SLOW_FRAMES_TO_SWITCH slow
 * ones in a row mean this machine cannot keep up with the full level. The
 * first frame after a rest has no frame before it, so it is never counted.
 */

/** A frame slower than this while moving is slow (a 60 Hz display shows one every 16.7 ms). */
export const SLOW_FRAME_MS = 24;
/** This many slow frames in a row switch motion to the coarse level, for the model loaded. */
export const SLOW_FRAMES_TO_SWITCH = 3;

export class MotionPace {
  private from = 0;
  private slow = 0;
  private coarseInMotion = false;

  /** Whether motion is drawn with the coarse level. */
  get coarse(): boolean {
    return this.coarseInMotion;
  }

  /** A new model: its frames are timed afresh. */
  reset(): void {
    this.from = 0;
    this.slow = 0;
    this.coarseInMotion = false;
  }

  /** An animation frame starting at `at` (ms); returns true when this frame switched motion to the coarse level. */
  frame(moving: boolean, at: number): boolean {
    if (!moving) {
      this.from = 0;
      this.slow = 0;
      return false;
    }
    const timed = this.from > 0 && !this.coarseInMotion;
    if (timed) this.slow = at - this.from > SLOW_FRAME_MS ? this.slow + 1 : 0;
    this.from = at;
    if (!timed || this.slow < SLOW_FRAMES_TO_SWITCH) return false;
    this.coarseInMotion = true;
    return true;
  }
}
