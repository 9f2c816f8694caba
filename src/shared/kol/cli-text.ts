import type { Language } from '../settings.js';

/**
 * What `kingjam kol …` prints besides the records (and besides errors, which
 * print their English message as every command does), in the studio's
 * language setting. Here because main may not import the renderer's catalogs.
 */
const en = {
  noPersonas: 'No personas yet. Create one with `kingjam kol personas create`.',
  noPosts: 'No posts match.',
  morePages: 'More: add --cursor {cursor}',
  imported: '{count} persona(s) imported.',
  exported: 'Wrote {count} persona(s) to {file}.',
  archived: 'Archived.',
  alreadyArchived: 'It was archived already.',
  approved: '{count} post(s) approved by {name}.',
  rejected: 'Rejected by {name}.',
  changesRequested: 'Sent back for changes by {name}.',
  noneLowRisk: 'No pending low-risk post matches.',
  scheduled: 'Scheduled for {time} ({zone}).',
  reviewerCloud: 'Reviewing as {name} (KingJam Cloud account).',
  reviewerOs: 'Reviewing as {name} (this computer’s user; sign in to use your cloud account).',
} as const;

export type KolCliKey = keyof typeof en;

export const KOL_CLI_TEXT: Record<Language, Record<KolCliKey, string>> = {
  en,
  'zh-TW': {
    noPersonas: '尚無人設。請用 `kingjam kol personas create` 建立。',
    noPosts: '沒有符合的貼文。',
    morePages: '還有更多：加上 --cursor {cursor}',
    imported: '已匯入 {count} 個人設。',
    exported: '已將 {count} 個人設寫入 {file}。',
    archived: '已封存。',
    alreadyArchived: '它先前已封存。',
    approved: '{name} 已核准 {count} 則貼文。',
    rejected: '{name} 已退件。',
    changesRequested: '{name} 已退回要求修改。',
    noneLowRisk: '沒有符合的待審核低風險貼文。',
    scheduled: '已排程於 {time}（{zone}）。',
    reviewerCloud: '以 {name} 審核（KingJam Cloud 帳號）。',
    reviewerOs: '以 {name} 審核（這台電腦的使用者；登入即可使用雲端帳號）。',
  },
  'zh-CN': {
    noPersonas: '尚无人设。请用 `kingjam kol personas create` 创建。',
    noPosts: '没有符合的帖子。',
    morePages: '还有更多：加上 --cursor {cursor}',
    imported: '已导入 {count} 个人设。',
    exported: '已将 {count} 个人设写入 {file}。',
    archived: '已归档。',
    alreadyArchived: '它之前已归档。',
    approved: '{name} 已批准 {count} 条帖子。',
    rejected: '{name} 已驳回。',
    changesRequested: '{name} 已退回要求修改。',
    noneLowRisk: '没有符合的待审核低风险帖子。',
    scheduled: '已排期于 {time}（{zone}）。',
    reviewerCloud: '以 {name} 审核（KingJam Cloud 账号）。',
    reviewerOs: '以 {name} 审核（这台电脑的用户；登录即可使用云端账号）。',
  },
};

export function kolCliText(language: Language, key: KolCliKey, params: Record<string, string | number> = {}): string {
  return KOL_CLI_TEXT[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
