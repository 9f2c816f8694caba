import { areaText } from '../area-text.js';

/** What `kingjam kol batch` prints (the estimate, each event, a batch and its items), in the three languages; ids, titles and topics as they are. */
const en = {
  'kolbatch.cli.providerLine': '{provider}: {items} posts, {billing}',
  'kolbatch.cli.credits': '{credits} credits',
  'kolbatch.cli.ownKey': 'billed to your own key',
  'kolbatch.cli.free': 'free',
  'kolbatch.cli.cost': 'cost: {total} credits; {concurrency} at once',
  'kolbatch.cli.batch': '{id}  {state}  {done}/{items} ({percent}%)  {succeeded} written, {failed} failed  {title}',
  'kolbatch.cli.failed': 'failed',
  'kolbatch.cli.started': 'batch {id} started: {items} posts, {concurrency} at once',
  'kolbatch.cli.itemDone': '✓ [{done}/{items} {percent}%] #{n} {persona}: “{title}” (post {post})',
  'kolbatch.cli.itemFailed': '✗ [{done}/{items} {percent}%] #{n} failed after {attempts} attempt(s): {reason}',
  'kolbatch.cli.state': 'batch {state}',
  'kolbatch.cli.end': 'batch {state}: {succeeded} written, {failed} failed of {items}',
  'kolbatch.cli.post': 'post {post} “{title}”',
} as const;

export type KolBatchCliKey = keyof typeof en;

const zhTW: Record<KolBatchCliKey, string> = {
  'kolbatch.cli.providerLine': '{provider}：{items} 則貼文，{billing}',
  'kolbatch.cli.credits': '{credits} 點',
  'kolbatch.cli.ownKey': '由你自己的金鑰計費',
  'kolbatch.cli.free': '免費',
  'kolbatch.cli.cost': '費用：{total} 點；同時 {concurrency} 則',
  'kolbatch.cli.batch': '{id}  {state}  {done}/{items}（{percent}%）  已寫 {succeeded} 則，失敗 {failed} 則  {title}',
  'kolbatch.cli.failed': '失敗',
  'kolbatch.cli.started': '批次 {id} 已開始：{items} 則貼文，同時 {concurrency} 則',
  'kolbatch.cli.itemDone': '✓ [{done}/{items} {percent}%] #{n} {persona}：「{title}」（貼文 {post}）',
  'kolbatch.cli.itemFailed': '✗ [{done}/{items} {percent}%] #{n} 試了 {attempts} 次仍失敗：{reason}',
  'kolbatch.cli.state': '批次 {state}',
  'kolbatch.cli.end': '批次 {state}：共 {items} 則，已寫 {succeeded} 則，失敗 {failed} 則',
  'kolbatch.cli.post': '貼文 {post}「{title}」',
};

const zhCN: Record<KolBatchCliKey, string> = {
  'kolbatch.cli.providerLine': '{provider}：{items} 条帖子，{billing}',
  'kolbatch.cli.credits': '{credits} 点',
  'kolbatch.cli.ownKey': '由你自己的密钥计费',
  'kolbatch.cli.free': '免费',
  'kolbatch.cli.cost': '费用：{total} 点；同时 {concurrency} 条',
  'kolbatch.cli.batch': '{id}  {state}  {done}/{items}（{percent}%）  已写 {succeeded} 条，失败 {failed} 条  {title}',
  'kolbatch.cli.failed': '失败',
  'kolbatch.cli.started': '批次 {id} 已开始：{items} 条帖子，同时 {concurrency} 条',
  'kolbatch.cli.itemDone': '✓ [{done}/{items} {percent}%] #{n} {persona}：“{title}”（帖子 {post}）',
  'kolbatch.cli.itemFailed': '✗ [{done}/{items} {percent}%] #{n} 试了 {attempts} 次仍失败：{reason}',
  'kolbatch.cli.state': '批次 {state}',
  'kolbatch.cli.end': '批次 {state}：共 {items} 条，已写 {succeeded} 条，失败 {failed} 条',
  'kolbatch.cli.post': '帖子 {post}“{title}”',
};

export const kolBatchCliText = areaText<KolBatchCliKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
