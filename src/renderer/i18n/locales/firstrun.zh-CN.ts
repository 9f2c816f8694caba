import type { firstrunEn } from './firstrun.en.js';

/** 首次运行相关的消息：字体、ffmpeg 与工作进程的内存上限（简体中文）。 */
export const firstrunZhCN: Record<keyof typeof firstrunEn, string> = {
  'error.WORKER_MEMORY_LIMIT': '工作进程超过内存上限',
};
