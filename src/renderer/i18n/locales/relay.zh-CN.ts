import { RELAY_MESSAGES } from '../../../shared/i18n/areas/relay.js';
import type { RelayMessages } from './relay.en.js';

/** zh-CN：family `relay`（issue 13：媒体中继、LINE 官方账号）。 */
export const relayZhCN: RelayMessages = {
  'relay.platform.lineOa': 'LINE 官方账号',
  'relay.lineOa.intro': '帖子会以 LINE 官方账号的消息发送给它的好友。',
  'relay.lineOa.token': 'Channel access token',
  'relay.lineOa.help': '在 LINE Developers 控制台：您的 Channel → Messaging API → Channel access token（long-lived）。它会加密保存在 KingJam Cloud，不会存在这台电脑上。',
  'relay.lineOa.err.token': '请粘贴完整的 Channel access token。',

  ...RELAY_MESSAGES['zh-CN'],

  'cloudErr.RELAY_FILE_NOT_FOUND': '这个中继文件已过期或已被删除。',
  'cloudErr.RELAY_FILE_TOO_LARGE': '文件超过媒体中继可接受的大小。',
  'cloudErr.RELAY_QUOTA_EXCEEDED': '您在媒体中继上的空间暂时已满。',
  'cloudErr.RELAY_TYPE_MISMATCH': '文件内容与声明的类型不符。',
  'cloudErr.PLATFORM_TOKEN_REFUSED': '平台拒绝了这个访问令牌。',
};
