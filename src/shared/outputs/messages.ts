/** Message keys of every output a library item (issue 17), each `outputs.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const OUTPUTS_MESSAGES = {
  'outputs.notMedia': { params: ['name', 'ext'] },
  'outputs.missing': { params: ['name'] },
  'outputs.empty': { params: ['name'] },
} as const;
