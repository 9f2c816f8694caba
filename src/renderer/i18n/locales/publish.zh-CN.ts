import { POST_ZH_CN } from '../../../shared/publish/texts-zh.js';
import type { PublishMessages } from './publish.en.js';

/** zh-CN：family `publish`（issue 13）。 */
export const publishZhCN: PublishMessages = {
  ...POST_ZH_CN,
  "error.PUBLISH_RETRY": "平台暂时无法接收帖子",
  "error.PUBLISH_REFRESH_TOKEN": "账号登录已过期",
  "error.PUBLISH_BAD_POST": "平台拒绝了帖子",
  "error.PUBLISH_DISCONNECTED": "账号需要重新关联",
};
