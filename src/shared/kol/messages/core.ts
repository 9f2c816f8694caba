/** Message keys of the KOL workspace's core area (issue 14): personas, post records, review; each `kol.core.<name>`. */
export const KOL_CORE_MESSAGES = {
  'kol.core.illegalTransition': { params: ['from', 'to'], hint: true },
  'kol.core.postNotFound': { params: [] },
  'kol.core.stateChanged': { params: ['state'], hint: true },
} as const;
