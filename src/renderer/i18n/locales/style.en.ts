/** English texts of family `style` (issue 16: the Style-Locker). */
export const styleEn = {
  'style.nav': 'Style-Locker',
} as const;

export type StyleMessages = Record<keyof typeof styleEn, string>;
