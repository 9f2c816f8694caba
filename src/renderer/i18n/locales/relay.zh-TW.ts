import { RELAY_MESSAGES } from '../../../shared/i18n/areas/relay.js';
import type { RelayMessages } from './relay.en.js';

/** zh-TW：family `relay`（issue 13：媒體中繼、LINE 官方帳號）。 */
export const relayZhTW: RelayMessages = {
  'relay.platform.lineOa': 'LINE 官方帳號',
  'relay.lineOa.intro': '貼文會以 LINE 官方帳號的訊息發送給它的好友。',
  'relay.lineOa.token': 'Channel access token',
  'relay.lineOa.help': '在 LINE Developers 主控台：您的 Channel → Messaging API → Channel access token（long-lived）。它會加密保存在 KingJam Cloud，不會存在這台電腦上。',
  'relay.lineOa.err.token': '請貼上完整的 Channel access token。',

  ...RELAY_MESSAGES['zh-TW'],

  'cloudErr.RELAY_FILE_NOT_FOUND': '這個中繼檔案已到期或已被刪除。',
  'cloudErr.RELAY_FILE_TOO_LARGE': '檔案超過媒體中繼可接受的大小。',
  'cloudErr.RELAY_QUOTA_EXCEEDED': '您在媒體中繼上的空間暫時已滿。',
  'cloudErr.RELAY_TYPE_MISMATCH': '檔案內容與宣告的類型不符。',
  'cloudErr.PLATFORM_TOKEN_REFUSED': '平台拒絕了這個存取權杖。',
};
