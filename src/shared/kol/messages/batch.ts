/** Message keys of the KOL workspace's batch area (issue 14), each `kol.batch.<name>`; spread into MESSAGES through ./index.ts. */
export const KOL_BATCH_MESSAGES = {
} as const;
