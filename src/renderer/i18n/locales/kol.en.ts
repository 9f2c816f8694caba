/** English texts of family `kol` (issue 14: personas, post records, the review page): its UI strings (`kol.*`) and the texts of its server message keys (`msg.kol.core.*`). */
export const kolEn = {
} satisfies Record<`kol.${string}` | `msg.kol.core.${string}`, string>;

export type KolMessages = Record<keyof typeof kolEn, string>;
