import { areaText } from '../area-text.js';

/**
 * The plain lines `kingjam`'s engine commands print (account, jobs, import,
 * serve, generate, compose, kol batch), in the three languages; ids, paths,
 * URLs and numbers are filled in as they are.
 */
const en = {
  'cli.out.notSignedIn': 'Not signed in (cloud: {cloud}).',
  'cli.out.signedInAs': 'Signed in as {who} on {cloud}.',
  'cli.out.balanceNotFetched': 'Balance: not fetched yet.',
  'cli.out.balance': 'Balance: {available} credits available, {held} held, {total} in all.',
  'cli.out.bucket': '{available} available  {held} held',
  'cli.out.allowance': 'Offline allowance on this machine: {remaining} of {amount} left.',
  'cli.out.signedOut': 'Signed out.',
  'cli.out.noJobs': 'No jobs yet.',
  'cli.out.workingQueue': 'Working the job queue. Press Ctrl+C to stop; running jobs are checkpointed and resume next time.',
  'cli.out.importing': 'importing',
  'cli.out.alreadyInLibrary': '= {path} (already in the library)',
  'cli.out.importSummary': '{added} added, {duplicates} already there, {failed} failed',
  'cli.out.exposed': 'warning: listening on {host}, not only on this machine. Anyone who can reach it and has the token controls this studio.',
  'cli.out.pressCtrlC': 'Press Ctrl+C to stop.',
  'cli.out.charged': 'Charged: {credits} credits.',
  'cli.out.livePhoto': 'Live Photo: {jpeg} + {mov} (content identifier {id})',
  'cli.out.noBatches': 'No batches yet.',
} as const;

export type CliLineKey = keyof typeof en;

const zhTW: Record<CliLineKey, string> = {
  'cli.out.notSignedIn': '尚未登入（雲端：{cloud}）。',
  'cli.out.signedInAs': '已以 {who} 登入 {cloud}。',
  'cli.out.balanceNotFetched': '餘額：尚未取得。',
  'cli.out.balance': '餘額：可用 {available} 點，保留 {held} 點，共 {total} 點。',
  'cli.out.bucket': '可用 {available}  保留 {held}',
  'cli.out.allowance': '這台機器的離線額度：{amount} 點中還剩 {remaining} 點。',
  'cli.out.signedOut': '已登出。',
  'cli.out.noJobs': '還沒有任何工作。',
  'cli.out.workingQueue': '正在處理工作佇列。按 Ctrl+C 停止；執行中的工作會存下進度，下次繼續。',
  'cli.out.importing': '匯入中',
  'cli.out.alreadyInLibrary': '= {path}（已在媒體庫中）',
  'cli.out.importSummary': '新增 {added} 個，已存在 {duplicates} 個，失敗 {failed} 個',
  'cli.out.exposed': '警告：正在 {host} 上監聽，不只這台機器可連。任何連得到它又有權杖的人都能控制這個工作室。',
  'cli.out.pressCtrlC': '按 Ctrl+C 停止。',
  'cli.out.charged': '已扣 {credits} 點。',
  'cli.out.livePhoto': 'Live Photo：{jpeg} + {mov}（內容識別碼 {id}）',
  'cli.out.noBatches': '還沒有任何批次。',
};

const zhCN: Record<CliLineKey, string> = {
  'cli.out.notSignedIn': '尚未登录（云端：{cloud}）。',
  'cli.out.signedInAs': '已用 {who} 登录 {cloud}。',
  'cli.out.balanceNotFetched': '余额：尚未获取。',
  'cli.out.balance': '余额：可用 {available} 点，冻结 {held} 点，共 {total} 点。',
  'cli.out.bucket': '可用 {available}  冻结 {held}',
  'cli.out.allowance': '这台机器的离线额度：{amount} 点中还剩 {remaining} 点。',
  'cli.out.signedOut': '已退出登录。',
  'cli.out.noJobs': '还没有任何任务。',
  'cli.out.workingQueue': '正在处理任务队列。按 Ctrl+C 停止；运行中的任务会保存进度，下次继续。',
  'cli.out.importing': '导入中',
  'cli.out.alreadyInLibrary': '= {path}（已在素材库中）',
  'cli.out.importSummary': '新增 {added} 个，已存在 {duplicates} 个，失败 {failed} 个',
  'cli.out.exposed': '警告：正在 {host} 上监听，不只这台机器可连。任何连得到它又有令牌的人都能控制这个工作室。',
  'cli.out.pressCtrlC': '按 Ctrl+C 停止。',
  'cli.out.charged': '已扣 {credits} 点。',
  'cli.out.livePhoto': 'Live Photo：{jpeg} + {mov}（内容标识符 {id}）',
  'cli.out.noBatches': '还没有任何批次。',
};

export const cliLines = areaText<CliLineKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
