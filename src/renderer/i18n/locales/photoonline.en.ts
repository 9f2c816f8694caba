/** English texts of family `photoonline` (issue 15: the photo studio): its UI strings and the texts of its server message keys (`msg.photo.*`). */
export const photoonlineEn = {
} as const;

export type PhotoonlineMessages = Record<keyof typeof photoonlineEn, string>;
