/**
 * The server messages (`msg.*`) of the renderer's `relay` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.publish.relay.fileUnreadable': 'The file “{name}” could not be read ({detail}).',
  'msg.publish.relay.fileUnreadable.hint': 'It may have been moved or deleted: choose the media again in the post.',
  'msg.publish.relay.unreachable': 'The KingJam Cloud media relay could not be reached: {detail}',
  'msg.publish.relay.unreachable.hint': 'Check the internet connection; it will be tried again.',
  'msg.publish.relay.unavailable': 'The KingJam Cloud media relay is unavailable right now (HTTP {status}).',
  'msg.publish.relay.unavailable.hint': 'It will be tried again in a moment.',
  'msg.publish.relay.signedOut': 'The studio is signed out of KingJam Cloud, so the media could not be made public for the platform.',
  'msg.publish.relay.signedOut.hint': 'Sign in again on the Account page, then retry the post.',
  'msg.publish.relay.tooLarge': '“{name}” is {size} MiB; the media relay takes at most {limit} MiB.',
  'msg.publish.relay.tooLarge.hint': 'Use a smaller or shorter file for this post.',
  'msg.publish.relay.wrongType': '“{name}” is not really a {type} file.',
  'msg.publish.relay.wrongType.hint': 'Use a JPEG, PNG, WebP or GIF image, or an MP4, MOV or WebM video, saved in that format.',
  'msg.publish.relay.quotaFull': 'Your media waiting on the relay already uses {used} of {quota} MiB.',
  'msg.publish.relay.quotaFull.hint': 'Space frees itself as posts are published and their files expire (24 hours); it will be tried again.',
  'msg.publish.relay.refused': 'The media relay refused the file (HTTP {status}: {detail}).',
  'msg.publish.relay.refused.hint': 'Choose the media again; if it keeps happening, contact support.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
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
};

const zhCN: Record<Key, string> = {
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
};

export const RELAY_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
