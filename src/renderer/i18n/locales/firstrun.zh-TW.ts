import type { firstrunEn } from './firstrun.en.js';

/** 首次執行相關的訊息：字型、ffmpeg 與工作程序的記憶體上限（繁體中文）。 */
export const firstrunZhTW: Record<keyof typeof firstrunEn, string> = {
  'error.WORKER_MEMORY_LIMIT': '工作程序超過記憶體上限',
};
