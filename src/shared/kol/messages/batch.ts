/** Message keys of the KOL workspace's batch area (issue 14), each `kol.batch.<name>`; spread into MESSAGES through ./index.ts. */
export const KOL_BATCH_MESSAGES = {
  // Writing one post (src/workers/kol/write.ts).
  'kol.batch.writeTimedOut': { params: ['seconds'], hint: true },
  'kol.batch.writeFailed': { params: ['detail'], hint: true },
  // The batch engine (src/main/kol/batch/).
  'kol.batch.personaNotFound': { params: ['id'], hint: true },
  'kol.batch.notFound': { params: [], hint: true },
  'kol.batch.cannotPause': { params: ['state'], hint: true },
  'kol.batch.cannotResume': { params: ['state'], hint: true },
  'kol.batch.alreadyEnded': { params: ['state'], hint: true },
  'kol.batch.jobLost': { params: [], hint: true },
  // The CLI (src/main/cli/commands/kol-batch.ts).
  'kol.batch.overMaxCredits': { params: ['credits', 'max'], hint: true },
  'kol.batch.needsConsent': { params: ['credits'], hint: true },
  'kol.batch.noTopics': { params: [], hint: true },
} as const;
