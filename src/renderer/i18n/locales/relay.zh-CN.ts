import type { RelayMessages } from './relay.en.js';

/** zh-CN：family `relay`（issue 13：媒体中继、LINE 官方账号）。 */
export const relayZhCN: RelayMessages = {
  'relay.platform.lineOa': 'LINE 官方账号',
  'relay.lineOa.intro': '帖子会以 LINE 官方账号的消息发送给它的好友。',
  'relay.lineOa.token': 'Channel access token',
  'relay.lineOa.help': '在 LINE Developers 控制台：您的 Channel → Messaging API → Channel access token（long-lived）。它会加密保存在 KingJam Cloud，不会存在这台电脑上。',
  'relay.lineOa.err.token': '请粘贴完整的 Channel access token。',

  'msg.publish.relay.fileUnreadable': '无法读取文件“{name}”（{detail}）。',
  'msg.publish.relay.fileUnreadable.hint': '文件可能已被移动或删除：请在帖子中重新选择媒体。',
  'msg.publish.relay.unreachable': '无法连接 KingJam Cloud 媒体中继：{detail}',
  'msg.publish.relay.unreachable.hint': '请检查网络连接；稍后会自动重试。',
  'msg.publish.relay.unavailable': 'KingJam Cloud 媒体中继暂时不可用（HTTP {status}）。',
  'msg.publish.relay.unavailable.hint': '稍后会自动重试。',
  'msg.publish.relay.signedOut': '工作室已退出 KingJam Cloud，因此无法让平台获取这些媒体。',
  'msg.publish.relay.signedOut.hint': '请到「账号」页重新登录，再重试这条帖子。',
  'msg.publish.relay.tooLarge': '“{name}”有 {size} MiB；媒体中继最多接受 {limit} MiB。',
  'msg.publish.relay.tooLarge.hint': '请为这条帖子改用较小或较短的文件。',
  'msg.publish.relay.wrongType': '“{name}”其实不是 {type} 文件。',
  'msg.publish.relay.wrongType.hint': '请使用以该格式保存的 JPEG、PNG、WebP、GIF 图片，或 MP4、MOV、WebM 视频。',
  'msg.publish.relay.quotaFull': '您在媒体中继上等待发布的媒体已使用 {used} MiB，上限为 {quota} MiB。',
  'msg.publish.relay.quotaFull.hint': '帖子发布后或文件到期（24 小时）时空间就会释放；稍后会自动重试。',
  'msg.publish.relay.refused': '媒体中继拒绝了这个文件（HTTP {status}：{detail}）。',
  'msg.publish.relay.refused.hint': '请重新选择媒体；如果一直出现，请联系客服。',

  'cloudErr.RELAY_FILE_NOT_FOUND': '这个中继文件已过期或已被删除。',
  'cloudErr.RELAY_FILE_TOO_LARGE': '文件超过媒体中继可接受的大小。',
  'cloudErr.RELAY_QUOTA_EXCEEDED': '您在媒体中继上的空间暂时已满。',
  'cloudErr.RELAY_TYPE_MISMATCH': '文件内容与声明的类型不符。',
  'cloudErr.PLATFORM_TOKEN_REFUSED': '平台拒绝了这个访问令牌。',
};
