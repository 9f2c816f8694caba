/** English texts of family `photomotion` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photomotionEn = {
} as const;

export type PhotomotionMessages = Record<keyof typeof photomotionEn, string>;
