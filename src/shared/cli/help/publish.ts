/** `kingjam help` descriptions of `kingjam publish …` (docs/publish-csv.md), in the three languages. */
const en = {
  'help.publish.accounts': 'the accounts posts go to: the ids and names a CSV names',
  'help.publish.list': 'the calendar’s posts, filtered by state, account, platform and dates',
  'help.publish.show': 'a post: what is sent, when, and every attempt with its error and what to do',
  'help.publish.retryCancel': 'try a failed post again, or cancel a scheduled one',
  'help.publish.now': 'publish now and wait (exit 0 only when it is published)',
  'help.publish.import': 'schedule posts from a CSV (docs/publish-csv.md): every line’s problems first,\nthen all of them or none; exit 1 when any line has a problem',
  'help.publish.export': 'the calendar as CSV (to stdout without FILE); it imports again',
} as const;

export type PublishHelpKey = keyof typeof en;

const zhTW: Record<PublishHelpKey, string> = {
  'help.publish.accounts': '貼文要發到的帳號：CSV 裡用的 ID 與名稱',
  'help.publish.list': '行事曆上的貼文，可依狀態、帳號、平台和日期篩選',
  'help.publish.show': '一則貼文：發送的內容、時間，以及每次嘗試的錯誤與處理方法',
  'help.publish.retryCancel': '重試失敗的貼文，或取消已排程的貼文',
  'help.publish.now': '立即發布並等待（確定發布成功才以 0 結束）',
  'help.publish.import': '從 CSV 排程貼文（docs/publish-csv.md）：先列出每一行的問題，\n然後全部匯入或一則都不匯入；任何一行有問題時以 1 結束',
  'help.publish.export': '把行事曆匯出成 CSV（沒給檔案就輸出到標準輸出）；可再匯入',
};

const zhCN: Record<PublishHelpKey, string> = {
  'help.publish.accounts': '帖子要发到的账号：CSV 里用的 ID 与名称',
  'help.publish.list': '日历上的帖子，可按状态、账号、平台和日期筛选',
  'help.publish.show': '一条帖子：发送的内容、时间，以及每次尝试的错误与处理方法',
  'help.publish.retryCancel': '重试失败的帖子，或取消已排期的帖子',
  'help.publish.now': '立即发布并等待（确定发布成功才以 0 退出）',
  'help.publish.import': '从 CSV 排期帖子（docs/publish-csv.md）：先列出每一行的问题，\n然后全部导入或一条都不导入；任何一行有问题时以 1 退出',
  'help.publish.export': '把日历导出成 CSV（没给文件就输出到标准输出）；可再导入',
};

export const PUBLISH_HELP = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
