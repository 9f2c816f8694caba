import type { ModelcheckMessages } from './modelcheck.en.js';

/** 模型目录检查（issue 12）：设置 → 测试连接找到的 Gemini 模型状况。 */
export const modelcheckZhCN: ModelcheckMessages = {
  'modelcheck.unavailable': '{model} · 此密钥无法使用',
  'modelcheck.replaced': '此密钥无法使用 {model}：任务会改用 {successor}。',
};
