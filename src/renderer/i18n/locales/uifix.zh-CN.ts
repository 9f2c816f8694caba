import type { UifixMessages } from './uifix.en.js';

/** UI 巡检修正（issue 11 §4）新增的简体中文字串。 */
export const uifixZhCN: UifixMessages = {
  'gen.model.proLatest': 'Gemini Pro 最新版',
};
