import type { ModelcheckMessages } from './modelcheck.en.js';

/** 模型目錄檢查（issue 12）：設定 → 測試連線找到的 Gemini 模型狀況。 */
export const modelcheckZhTW: ModelcheckMessages = {
  'modelcheck.unavailable': '{model} · 這把金鑰無法使用',
  'modelcheck.replaced': '這把金鑰無法使用 {model}：工作會改用 {successor}。',
};
