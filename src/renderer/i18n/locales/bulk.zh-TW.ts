import type { BulkMessages } from './bulk.en.js';

/** zh-TW：family `bulk`（issue 13：CSV 匯入匯出與 `kingjam publish` 指令）。 */
export const bulkZhTW: BulkMessages = {
};
