import { outputsText } from '../../../shared/outputs/text.js';

/** English texts of family `outputs` (issue 17: every output a library item). */
export const outputsEn = {
  ...outputsText.texts.en,
  'outputs.origin.import': 'Imported',
  'outputs.origin.generated': 'Generated',
  'outputs.origin.batch': 'Batch',
  'outputs.originFilter': 'Where it came from',
  'outputs.field.origin': 'Source',
  'outputs.source.madeBy': 'Made by: {title}',
  'outputs.source.jobGone': 'The job that made it is no longer in History.',
  'outputs.source.openHistory': 'Open History',
  'outputs.source.openProject': 'Open its project',
  'outputs.history.outputs': 'Outputs in the library',
} as const;

export type OutputsMessages = Record<keyof typeof outputsEn, string>;
