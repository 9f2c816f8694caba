import { cliText } from '../../../shared/cli/text.js';
import { cliServiceText } from '../../../shared/cli/service-text.js';

/** English texts of family `cli`: what `kingjam` says in every area, and the server messages it prints (src/shared/cli). */
export const cliEn = {
  ...cliText.texts.en,
  ...cliServiceText.texts.en,
} as const;

export type CliMessages = Record<keyof typeof cliEn, string>;
