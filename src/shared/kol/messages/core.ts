/** Message keys of the KOL workspace's core area (issue 14), each `kol.core.<name>`; spread into MESSAGES through ./index.ts. */
export const KOL_CORE_MESSAGES = {
} as const;
