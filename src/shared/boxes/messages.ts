/** Message keys of the studio's blind-box service (issue 18), each `boxes.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const BOXES_MESSAGES = {
  'boxes.oddsNot100': { params: ['sum'], hint: true },
  'boxes.notAnImage': { params: ['name'], hint: true },
  'boxes.imageTooLarge': { params: ['name'], hint: true },
  'boxes.noPack': { params: ['model'], hint: true },
  'boxes.packMissing': { params: ['model'], hint: true },
} as const;
