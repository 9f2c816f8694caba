/** English texts of family `ink` (issue 16: the 2D studio (AI Ink Assistant, PSD, poses)). */
export const inkEn = {
  'ink.nav': '2D studio',
} as const;

export type InkMessages = Record<keyof typeof inkEn, string>;
