/** English texts of family `photo` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photoEn = {
} as const;

export type PhotoMessages = Record<keyof typeof photoEn, string>;
