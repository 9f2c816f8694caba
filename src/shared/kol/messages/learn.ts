/** Message keys of the KOL workspace's learn area (issue 14), each `kol.learn.<name>`; spread into MESSAGES through ./index.ts. */
export const KOL_LEARN_MESSAGES = {
} as const;
