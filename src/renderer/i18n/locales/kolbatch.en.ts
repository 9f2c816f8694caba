/** English texts of family `kolbatch` (issue 14: batch generation): its UI strings (`kolbatch.*`) and the texts of its server message keys (`msg.kol.batch.*`). */
export const kolbatchEn = {
} satisfies Record<`kolbatch.${string}` | `msg.kol.batch.${string}`, string>;

export type KolbatchMessages = Record<keyof typeof kolbatchEn, string>;
