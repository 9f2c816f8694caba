import type { PhotoFreeToday } from '../../shared/api/photo-contract.js';
import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import { PHOTO_LIMITS } from '../../shared/photo/limits.js';
import type { PhotoStore } from './store.js';
import { grantDay, grantResetsAt } from '../../shared/gen-grant.js';

/**
 * The free tier's one variant a day (seed §3.1.1), counted per calendar day
 * in Asia/Taipei — the same day the cloud gateway's daily grant counts
 * (src/shared/gen-grant.ts), so the desktop and the cloud never disagree on
 * whether today's free photo is used; it resets at 00:00 Taipei time. Claims
 * are one SQL statement each (store.ts), so two windows or the CLI at once
 * never get two.
 */

/** "2026-12-05 00:00", a moment as this machine's clock shows it (message parameters are plain text). */
export function localTime(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export class FreeTier {
  constructor(
    private readonly store: PhotoStore,
    private readonly now: () => number,
  ) {}

  today(): PhotoFreeToday {
    const now = this.now();
    const limit = PHOTO_LIMITS.freeVariantsPerDay;
    const used = Math.min(limit, this.store.freeUsed(grantDay(now)));
    const resetsAt = grantResetsAt(now);
    const left = limit - used;
    return { limit, used, left, resetsAt, reason: left > 0 ? null : say('photo.service.freeUsedToday', { limit, resetsAt: localTime(resetsAt) }) };
  }

  /** Takes today's free variant for `runId` inside the caller's transaction, or refuses with the reason and when it resets. */
  claim(runId: string): void {
    const now = this.now();
    if (this.store.claimFree(grantDay(now), runId, PHOTO_LIMITS.freeVariantsPerDay, now)) return;
    const resetsAt = grantResetsAt(now);
    throw new StudioError({
      code: 'CONFLICT',
      message: `Today's free variant (${PHOTO_LIMITS.freeVariantsPerDay} a day) is used; it resets at ${localTime(resetsAt)}.`,
      hint: 'Wait until then, or make a paid run: four variants without the watermark.',
      ...say('photo.service.freeUsedToday', { limit: PHOTO_LIMITS.freeVariantsPerDay, resetsAt: localTime(resetsAt) }),
    });
  }

  release(runId: string): void {
    this.store.releaseFree(runId);
  }
}
