import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A post's row in the Review page's queue. */
export function reviewRow(page: Page, id: string) {
  return page.getByTestId('review-queue').locator(`[data-testid="review-row"][data-post-id="${id}"]`);
}

/**
 * Quiet hours in Asia/Taipei from an hour ago to three hours ahead, so a post
 * scheduled at the persona's next free slot waits for it whatever the time of
 * day the suite runs (a slot of "now" would publish it mid-test).
 */
export function quietHoursAroundNow(now = Date.now()): { start: string; end: string } {
  const taipeiHour = new Date(now + 8 * 3_600_000).getUTCHours();
  const at = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  return { start: at(taipeiHour - 1), end: at(taipeiHour + 3) };
}

/** Approves a pending post with the `a` key, then schedules it to `accountId` at the persona's next free slot through the Schedule dialog. */
export async function approveAndScheduleWithKeys(page: Page, id: string, accountId: string): Promise<void> {
  const row = reviewRow(page, id);
  await row.click();
  await expect.poll(() => page.getByTestId('review-detail').getAttribute('data-post-id')).toBe(id);
  await page.keyboard.press('a');
  await expect.poll(() => row.getAttribute('data-status')).toBe('approved');

  await row.click();
  await page.getByTestId('review-schedule').click();
  const dialog = page.getByTestId('review-schedule-dialog');
  await dialog.waitFor();
  expect(await page.getByTestId('review-schedule-account').inputValue()).toBe(accountId);
  await page.getByTestId('review-schedule-slot').check();
  await page.getByTestId('review-schedule-save').click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => row.getAttribute('data-status')).toBe('scheduled');
}
