/** English texts of family `photocheck` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photocheckEn = {
} as const;

export type PhotocheckMessages = Record<keyof typeof photocheckEn, string>;
