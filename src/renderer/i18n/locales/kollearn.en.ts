/** English texts of family `kollearn` (issue 14: engagement and learning): its UI strings (`kollearn.*`) and the texts of its server message keys (`msg.kol.learn.*`). */
export const kollearnEn = {
} satisfies Record<`kollearn.${string}` | `msg.kol.learn.${string}`, string>;

export type KollearnMessages = Record<keyof typeof kollearnEn, string>;
