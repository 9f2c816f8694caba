import type { UifixMessages } from './uifix.en.js';

/** UI 巡檢修正（issue 11 §4）新增的繁體中文字串。 */
export const uifixZhTW: UifixMessages = {
  'gen.model.proLatest': 'Gemini Pro 最新版',
};
