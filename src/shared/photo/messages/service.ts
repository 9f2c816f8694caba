/** Message keys of the photo studio's service area (issue 15), each `photo.service.<name>`; spread into MESSAGES through ./index.ts. */
export const PHOTO_SERVICE_MESSAGES = {
  'photo.service.consentRequired': { params: [], hint: true },
  'photo.service.freeUsedToday': { params: ['limit', 'resetsAt'], hint: true },
  'photo.service.freeNoMotion': { params: [], hint: true },
  'photo.service.freeNoCostume': { params: [], hint: true },
  'photo.service.costumeNeedsModel': { params: ['backend'], hint: true },
  'photo.service.uploadNotFound': { params: [] },
  'photo.service.uploadDeleted': { params: ['name'], hint: true },
  'photo.service.uploadNotChecked': { params: ['name'], hint: true },
  'photo.service.uploadNotPassed': { params: ['name', 'count'], hint: true },
  'photo.service.uploadTwice': { params: ['name'] },
  'photo.service.runNotFound': { params: [] },
  'photo.service.runNotFinished': { params: [], hint: true },
  'photo.service.nothingChosen': { params: [], hint: true },
  'photo.service.variantNotFound': { params: ['seed'] },
  'photo.service.resultGone': { params: [], hint: true },
} as const;
