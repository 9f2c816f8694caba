import { areaText } from '../area-text.js';

/** What `kingjam publish` prints around its posts and a CSV import's problems, in the three languages (the problems themselves: ./said.ts). */
const en = {
  'publish.cli.problem': 'line {line}, {field}: {text}',
  'publish.cli.note': 'note: line {line}, {field}: {text}',
  'publish.cli.importBad': '{count} line(s) with problems: nothing was scheduled. Fix them and import again (the whole file is scheduled at once, or none of it).',
  'publish.cli.importBadDry': '{count} line(s) with problems: nothing was scheduled.',
  'publish.cli.checked': '{count} post(s) checked: no problems. Run it again without --dry-run to schedule them.',
  'publish.cli.scheduled': '{count} post(s) scheduled.',
  'publish.cli.noAccounts': 'No accounts yet. Connect one on the Connections page (signed in to KingJam Cloud).',
  'publish.cli.noPosts': 'No posts.',
  'publish.cli.retryQueued': 'It publishes as soon as the studio (or `kingjam jobs run`) works the queue; `kingjam publish now ID` publishes and waits.',
  'publish.cli.wrote': 'Wrote {count} post(s) to {file}.',
  'publish.cli.published': 'Published: {where}',
} as const;

export type PublishCliKey = keyof typeof en;

const zhTW: Record<PublishCliKey, string> = {
  'publish.cli.problem': '第 {line} 行，{field}：{text}',
  'publish.cli.note': '注意：第 {line} 行，{field}：{text}',
  'publish.cli.importBad': '有 {count} 行有問題：沒有排程任何貼文。請修正後再匯入一次（整個檔案一次全部排程，或一則都不排程）。',
  'publish.cli.importBadDry': '有 {count} 行有問題：沒有排程任何貼文。',
  'publish.cli.checked': '已檢查 {count} 則貼文：沒有問題。拿掉 --dry-run 再執行一次即可排程。',
  'publish.cli.scheduled': '已排程 {count} 則貼文。',
  'publish.cli.noAccounts': '還沒有帳號。請到「連結帳號」頁連結一個（需登入 KingJam Cloud）。',
  'publish.cli.noPosts': '沒有貼文。',
  'publish.cli.retryQueued': '工作室（或 `kingjam jobs run`）處理佇列時就會發布；`kingjam publish now ID` 會立即發布並等待結果。',
  'publish.cli.wrote': '已把 {count} 則貼文寫入 {file}。',
  'publish.cli.published': '已發布：{where}',
};

const zhCN: Record<PublishCliKey, string> = {
  'publish.cli.problem': '第 {line} 行，{field}：{text}',
  'publish.cli.note': '注意：第 {line} 行，{field}：{text}',
  'publish.cli.importBad': '有 {count} 行有问题：没有排期任何帖子。请修正后再导入一次（整个文件一次全部排期，或一条都不排期）。',
  'publish.cli.importBadDry': '有 {count} 行有问题：没有排期任何帖子。',
  'publish.cli.checked': '已检查 {count} 条帖子：没有问题。去掉 --dry-run 再运行一次即可排期。',
  'publish.cli.scheduled': '已排期 {count} 条帖子。',
  'publish.cli.noAccounts': '还没有账号。请到“连接账号”页连接一个（需登录 KingJam Cloud）。',
  'publish.cli.noPosts': '没有帖子。',
  'publish.cli.retryQueued': '工作室（或 `kingjam jobs run`）处理队列时就会发布；`kingjam publish now ID` 会立即发布并等待结果。',
  'publish.cli.wrote': '已把 {count} 条帖子写入 {file}。',
  'publish.cli.published': '已发布：{where}',
};

export const publishCliText = areaText<PublishCliKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
