import { BULK_ZH_TW } from '../../../shared/publish/texts-zh.js';
import type { BulkMessages } from './bulk.en.js';

/** zh-TW：family `bulk`（issue 13：CSV 匯入匯出與 `kingjam publish` 指令）。 */
export const bulkZhTW: BulkMessages = {
  ...BULK_ZH_TW,
};
