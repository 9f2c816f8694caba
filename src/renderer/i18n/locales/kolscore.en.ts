/** English texts of family `kolscore` (issue 14: draft scores and risk rules): its UI strings (`kolscore.*`) and the texts of its server message keys (`msg.kol.score.*`). */
export const kolscoreEn = {
} satisfies Record<`kolscore.${string}` | `msg.kol.score.${string}`, string>;

export type KolscoreMessages = Record<keyof typeof kolscoreEn, string>;
