/** Message keys of the 2D studio (issue 16), each `ink.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const INK_MESSAGES = {
  'ink.unreadable': { params: ['file'], hint: true },
  'ink.too-large': { params: ['file', 'size', 'limit'], hint: true },
  'ink.no-lines': { params: ['file'], hint: true },
  'ink.not-image': { params: ['name'], hint: true },
  'ink.run-not-found': { params: ['id'] },
  'ink.output-missing': { params: ['kind'] },
} as const;
