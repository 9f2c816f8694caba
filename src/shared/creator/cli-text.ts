import type { Language } from '../settings.js';

/** What `kingjam character` prints for people, in the studio's language (data goes out as it is, or as JSON with --json). */
const TEXT = {
  created: { en: 'Created {name} ({id}).', 'zh-TW': '已建立角色「{name}」（{id}）。', 'zh-CN': '已创建角色“{name}”（{id}）。' },
  none: { en: 'No characters yet: kingjam character create --keywords "…"', 'zh-TW': '還沒有角色：kingjam character create --keywords "…"', 'zh-CN': '还没有角色：kingjam character create --keywords "…"' },
  draft: { en: '(a draft written offline from the keywords)', 'zh-TW': '（離線依關鍵字撰寫的草稿）', 'zh-CN': '（离线依关键词撰写的草稿）' },
  world: { en: 'World', 'zh-TW': '世界觀', 'zh-CN': '世界观' },
  backstory: { en: 'Backstory', 'zh-TW': '背景故事', 'zh-CN': '背景故事' },
  look: { en: 'Look', 'zh-TW': '外觀', 'zh-CN': '外观' },
  keywords: { en: 'Keywords', 'zh-TW': '關鍵字', 'zh-CN': '关键词' },
  style: { en: 'Locked style', 'zh-TW': '鎖定風格', 'zh-CN': '锁定风格' },
  references: { en: 'References: {count}', 'zh-TW': '參考圖：{count} 張', 'zh-CN': '参考图：{count} 张' },
  variants: { en: 'Variants: {count} ({kept} kept)', 'zh-TW': '變體：{count} 個（保留 {kept} 個）', 'zh-CN': '变体：{count} 个（保留 {kept} 个）' },
  variantLine: { en: '{kind} "{instruction}": {status}', 'zh-TW': '{kind}「{instruction}」：{status}', 'zh-CN': '{kind}“{instruction}”：{status}' },
  cost: { en: 'Estimated cost: {credits} credits.', 'zh-TW': '預估費用：{credits} 點。', 'zh-CN': '预估费用：{credits} 点。' },
  needYes: { en: 'This costs {credits} credits: add --yes to go ahead.', 'zh-TW': '這需要 {credits} 點：加上 --yes 才會執行。', 'zh-CN': '这需要 {credits} 点：加上 --yes 才会执行。' },
  made: { en: 'Made {count} variants; keep or discard them on the character’s page.', 'zh-TW': '已產生 {count} 個變體，請在角色頁面保留或捨棄。', 'zh-CN': '已生成 {count} 个变体，请在角色页面保留或舍弃。' },
  failed: { en: 'The variants could not be made: {detail}', 'zh-TW': '無法產生變體：{detail}', 'zh-CN': '无法生成变体：{detail}' },
  styleLinked: { en: '{name} now uses the style {style} ({id}).', 'zh-TW': '角色「{name}」已連結風格「{style}」（{id}）。', 'zh-CN': '角色“{name}”已关联风格“{style}”（{id}）。' },
  styleUnlinked: { en: '{name} no longer uses a style.', 'zh-TW': '角色「{name}」已取消連結風格。', 'zh-CN': '角色“{name}”已取消关联风格。' },
  styleLine: { en: '{style} ({id}){state}', 'zh-TW': '{style}（{id}）{state}', 'zh-CN': '{style}（{id}）{state}' },
  styleUnlocked: { en: ' — unlocked since: generations no longer apply it', 'zh-TW': '，已解鎖：生成不會再套用', 'zh-CN': '，已解锁：生成不会再套用' },
  styleGone: { en: 'deleted since', 'zh-TW': '已刪除', 'zh-CN': '已删除' },
  added: { en: 'Added {count} reference images.', 'zh-TW': '已加入 {count} 張參考圖。', 'zh-CN': '已加入 {count} 张参考图。' },
} as const;

export type CharacterCliKey = keyof typeof TEXT;

export function characterCliText(language: Language, key: CharacterCliKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][language].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
