import type { CreatorHubDeps } from '../creator-hub-deps.js';

/** Style area of the Creator Hub (issue 16): the Style-Locker: style profiles, extraction, scores, and applying a locked style to generations. */
export function createStyleArea(_deps: CreatorHubDeps) {
  return {};
}

export type StyleArea = ReturnType<typeof createStyleArea>;
