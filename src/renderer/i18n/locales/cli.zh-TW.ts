import { cliText } from '../../../shared/cli/text.js';
import { cliServiceText } from '../../../shared/cli/service-text.js';
import type { CliMessages } from './cli.en.js';

/** zh-TW: family `cli`. */
export const cliZhTW: CliMessages = {
  ...cliText.texts['zh-TW'],
  ...cliServiceText.texts['zh-TW'],
};
