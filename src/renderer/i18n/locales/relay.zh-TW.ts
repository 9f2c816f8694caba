import type { RelayMessages } from './relay.en.js';

/** zh-TW：family `relay`（issue 13：媒體中繼、LINE 官方帳號）。 */
export const relayZhTW: RelayMessages = {
  'relay.platform.lineOa': 'LINE 官方帳號',
  'relay.lineOa.intro': '貼文會以 LINE 官方帳號的訊息發送給它的好友。',
  'relay.lineOa.token': 'Channel access token',
  'relay.lineOa.help': '在 LINE Developers 主控台：您的 Channel → Messaging API → Channel access token（long-lived）。它會加密保存在 KingJam Cloud，不會存在這台電腦上。',
  'relay.lineOa.err.token': '請貼上完整的 Channel access token。',

  'msg.publish.relay.fileUnreadable': '無法讀取檔案「{name}」（{detail}）。',
  'msg.publish.relay.fileUnreadable.hint': '檔案可能已被移動或刪除：請在貼文中重新選擇媒體。',
  'msg.publish.relay.unreachable': '無法連線到 KingJam Cloud 媒體中繼：{detail}',
  'msg.publish.relay.unreachable.hint': '請檢查網路連線；稍後會自動重試。',
  'msg.publish.relay.unavailable': 'KingJam Cloud 媒體中繼目前無法使用（HTTP {status}）。',
  'msg.publish.relay.unavailable.hint': '稍後會自動重試。',
  'msg.publish.relay.signedOut': '工作室已登出 KingJam Cloud，因此無法讓平台取得這些媒體。',
  'msg.publish.relay.signedOut.hint': '請到「帳號」頁重新登入，再重試這則貼文。',
  'msg.publish.relay.tooLarge': '「{name}」有 {size} MiB；媒體中繼最多接受 {limit} MiB。',
  'msg.publish.relay.tooLarge.hint': '請為這則貼文改用較小或較短的檔案。',
  'msg.publish.relay.wrongType': '「{name}」其實不是 {type} 檔案。',
  'msg.publish.relay.wrongType.hint': '請使用以該格式儲存的 JPEG、PNG、WebP、GIF 圖片，或 MP4、MOV、WebM 影片。',
  'msg.publish.relay.quotaFull': '您在媒體中繼上等待發布的媒體已使用 {used} MiB，上限為 {quota} MiB。',
  'msg.publish.relay.quotaFull.hint': '貼文發布後或檔案到期（24 小時）時空間就會釋出；稍後會自動重試。',
  'msg.publish.relay.refused': '媒體中繼拒絕了這個檔案（HTTP {status}：{detail}）。',
  'msg.publish.relay.refused.hint': '請重新選擇媒體；如果一直發生，請聯絡客服。',

  'cloudErr.RELAY_FILE_NOT_FOUND': '這個中繼檔案已到期或已被刪除。',
  'cloudErr.RELAY_FILE_TOO_LARGE': '檔案超過媒體中繼可接受的大小。',
  'cloudErr.RELAY_QUOTA_EXCEEDED': '您在媒體中繼上的空間暫時已滿。',
  'cloudErr.RELAY_TYPE_MISMATCH': '檔案內容與宣告的類型不符。',
  'cloudErr.PLATFORM_TOKEN_REFUSED': '平台拒絕了這個存取權杖。',
};
