/** Message keys of the KOL workspace's score area (issue 14), each `kol.score.<name>`; spread into MESSAGES through ./index.ts. */
export const KOL_SCORE_MESSAGES = {
} as const;
