import { POST_ZH_TW } from '../../../shared/publish/texts-zh.js';
import type { PublishMessages } from './publish.en.js';

/** zh-TW：family `publish`（issue 13）。 */
export const publishZhTW: PublishMessages = {
  ...POST_ZH_TW,
  "error.PUBLISH_RETRY": "平台目前無法接收貼文",
  "error.PUBLISH_REFRESH_TOKEN": "帳號登入已過期",
  "error.PUBLISH_BAD_POST": "平台拒絕了貼文",
  "error.PUBLISH_DISCONNECTED": "帳號需要重新連結",
};
