/** Message keys of headless batch runs (`kingjam batch run`) (issue 17), each `batch.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const BATCH_MESSAGES = {
  'batch.fileNotFound': { params: ['file'], hint: true },
  'batch.fileTooLarge': { params: ['file', 'max'], hint: true },
  /** A photo of a photo-fuse item failed its check: nothing of the item was spent. */
  'batch.photoRefused': { params: ['name', 'problems'], hint: true },
  /** Paid items and neither --yes nor --max-credits. */
  'batch.needsYes': { params: ['credits'], hint: true },
  /** --only named ids the file does not have. */
  'batch.onlyUnknown': { params: ['ids'], hint: true },
  /** A changed publish item whose earlier posts already went out (or are going out): redoing it would post twice. */
  'batch.publishedBefore': { params: ['count'], hint: true },
  /** A `{ from }` input whose item made no file of the kind it takes. */
  'batch.fromNoOutput': { params: ['from', 'field'], hint: true },
} as const;
