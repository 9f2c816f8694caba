/** Message keys of the KOL workspace's trig area (issue 14), each `kol.trig.<name>`; spread into MESSAGES through ./index.ts. */
export const KOL_TRIG_MESSAGES = {
} as const;
