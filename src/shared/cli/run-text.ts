import { areaText } from '../area-text.js';

/**
 * The words of `kingjam jobs` rows (a job's status and queue) and the cost
 * line `kingjam generate` prints before it runs, in the three languages. In
 * English they are the words the CLI always printed (the status and queue
 * as their ids, a cost line by its label as main sends it), so scripts that
 * read English lines see no change; `--json` prints the ids whatever the
 * language.
 */
const en = {
  'cli.job.status.queued': 'queued',
  'cli.job.status.running': 'running',
  'cli.job.status.succeeded': 'succeeded',
  'cli.job.status.failed': 'failed',
  'cli.job.status.canceled': 'canceled',
  'cli.job.queue.high': 'high',
  'cli.job.queue.default': 'default',
  'cli.job.queue.video': 'video',
  'cli.job.queue.mesh': 'mesh',
  'cli.estimate.free': 'Estimated cost: free (local or offline provider).',
  'cli.estimate.noCredits': 'Estimated cost: no credits.{own}',
  'cli.estimate.credits': 'Estimated cost: {total} credits on KingJam Cloud ({lines}).{own}',
  'cli.estimate.ownKey': ' {labels}: no credits, billed by the provider to your own account.',
  'cli.estimate.paidLine': '{label} {credits}',
  'cli.estimate.separator': ', ',
  'cli.estimate.line.article': 'article',
  'cli.estimate.line.cover': 'cover',
  'cli.estimate.line.captions': 'captions',
  'cli.estimate.line.image': 'image',
  'cli.estimate.line.script': 'script',
  'cli.estimate.line.voice-over': 'voice-over',
  'cli.estimate.line.scene': 'scene {n} ({backend})',
} as const;

export type CliRunKey = keyof typeof en;

const zhTW: Record<CliRunKey, string> = {
  'cli.job.status.queued': '排隊中',
  'cli.job.status.running': '執行中',
  'cli.job.status.succeeded': '已完成',
  'cli.job.status.failed': '失敗',
  'cli.job.status.canceled': '已取消',
  'cli.job.queue.high': '高優先',
  'cli.job.queue.default': '一般',
  'cli.job.queue.video': '影片',
  'cli.job.queue.mesh': '3D 模型',
  'cli.estimate.free': '預估費用：免費（本機或離線服務）。',
  'cli.estimate.noCredits': '預估費用：不花點數。{own}',
  'cli.estimate.credits': '預估費用：在 KingJam Cloud 上 {total} 點（{lines}）。{own}',
  'cli.estimate.ownKey': '{labels}：不花點數，由服務商向你自己的帳號收費。',
  'cli.estimate.paidLine': '{label} {credits} 點',
  'cli.estimate.separator': '、',
  'cli.estimate.line.article': '文章',
  'cli.estimate.line.cover': '封面圖',
  'cli.estimate.line.captions': '文案',
  'cli.estimate.line.image': '圖片',
  'cli.estimate.line.script': '腳本',
  'cli.estimate.line.voice-over': '旁白配音',
  'cli.estimate.line.scene': '場景 {n}（{backend}）',
};

const zhCN: Record<CliRunKey, string> = {
  'cli.job.status.queued': '排队中',
  'cli.job.status.running': '运行中',
  'cli.job.status.succeeded': '已完成',
  'cli.job.status.failed': '失败',
  'cli.job.status.canceled': '已取消',
  'cli.job.queue.high': '高优先级',
  'cli.job.queue.default': '普通',
  'cli.job.queue.video': '视频',
  'cli.job.queue.mesh': '3D 模型',
  'cli.estimate.free': '预估费用：免费（本地或离线服务）。',
  'cli.estimate.noCredits': '预估费用：不花点数。{own}',
  'cli.estimate.credits': '预估费用：在 KingJam Cloud 上 {total} 点（{lines}）。{own}',
  'cli.estimate.ownKey': '{labels}：不花点数，由服务商向你自己的账号收费。',
  'cli.estimate.paidLine': '{label} {credits} 点',
  'cli.estimate.separator': '、',
  'cli.estimate.line.article': '文章',
  'cli.estimate.line.cover': '封面图',
  'cli.estimate.line.captions': '文案',
  'cli.estimate.line.image': '图片',
  'cli.estimate.line.script': '脚本',
  'cli.estimate.line.voice-over': '旁白配音',
  'cli.estimate.line.scene': '场景 {n}（{backend}）',
};

export const cliRunText = areaText<CliRunKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
