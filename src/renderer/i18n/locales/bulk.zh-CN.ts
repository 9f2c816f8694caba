import { BULK_ZH_CN } from '../../../shared/publish/texts-zh.js';
import type { BulkMessages } from './bulk.en.js';

/** zh-CN：family `bulk`（issue 13：CSV 导入导出与 `kingjam publish` 命令）。 */
export const bulkZhCN: BulkMessages = {
  ...BULK_ZH_CN,
};
