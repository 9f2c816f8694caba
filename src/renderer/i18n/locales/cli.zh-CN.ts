import { cliText } from '../../../shared/cli/text.js';
import { cliServiceText } from '../../../shared/cli/service-text.js';
import type { CliMessages } from './cli.en.js';

/** zh-CN: family `cli`. */
export const cliZhCN: CliMessages = {
  ...cliText.texts['zh-CN'],
  ...cliServiceText.texts['zh-CN'],
};
