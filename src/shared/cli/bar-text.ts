import { areaText } from '../area-text.js';

/** What `kingjam`'s progress bars say while a job or project runs (their labels and state), in the three languages. */
const en = {
  'cli.bar.queued': 'queued',
  'cli.bar.done': 'done',
  'cli.bar.retrying': 'attempt {n} failed: {message} — retrying',
  'cli.bar.notice': 'notice: {text}',
  'cli.bar.characterVariants': 'character variants',
  'cli.bar.style': 'style',
  'cli.bar.writing': 'writing',
  'cli.bar.script': 'writing the script',
  'cli.bar.post': '{platform} post',
  'cli.bar.rendering': 'rendering',
  'cli.bar.animating': 'animating',
  'cli.bar.cleaning': 'Cleaning',
  'cli.bar.layering': 'Layering',
  'cli.bar.variant': '── variant {n} ({chars} characters)',
} as const;

export type BarTextKey = keyof typeof en;

const zhTW: Record<BarTextKey, string> = {
  'cli.bar.queued': '排隊中',
  'cli.bar.done': '完成',
  'cli.bar.retrying': '第 {n} 次嘗試失敗：{message}——重試中',
  'cli.bar.notice': '注意：{text}',
  'cli.bar.characterVariants': '角色變化版本',
  'cli.bar.style': '風格',
  'cli.bar.writing': '撰寫中',
  'cli.bar.script': '撰寫腳本',
  'cli.bar.post': '{platform} 貼文',
  'cli.bar.rendering': '算圖中',
  'cli.bar.animating': '製作動態',
  'cli.bar.cleaning': '清理中',
  'cli.bar.layering': '分層中',
  'cli.bar.variant': '── 版本 {n}（{chars} 個字元）',
};

const zhCN: Record<BarTextKey, string> = {
  'cli.bar.queued': '排队中',
  'cli.bar.done': '完成',
  'cli.bar.retrying': '第 {n} 次尝试失败：{message}——重试中',
  'cli.bar.notice': '注意：{text}',
  'cli.bar.characterVariants': '角色变体',
  'cli.bar.style': '风格',
  'cli.bar.writing': '撰写中',
  'cli.bar.script': '撰写脚本',
  'cli.bar.post': '{platform} 帖子',
  'cli.bar.rendering': '渲染中',
  'cli.bar.animating': '制作动态',
  'cli.bar.cleaning': '清理中',
  'cli.bar.layering': '分层中',
  'cli.bar.variant': '── 版本 {n}（{chars} 个字符）',
};

export const barText = areaText<BarTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
