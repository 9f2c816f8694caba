import type { Language } from '../settings.js';

/** What `kingjam boxes` prints for people, in the studio's language (or --language); --json prints data as it is. */
const TEXT = {
  none: { en: 'No openings yet.', 'zh-TW': '還沒有開過盒。', 'zh-CN': '还没有开过盒。' },
  line: {
    en: '{id}  {time}  {item} ({tier})  {credits} credits  {state}',
    'zh-TW': '{id}  {time}  {item}（{tier}）  {credits} 點  {state}',
    'zh-CN': '{id}  {time}  {item}（{tier}）  {credits} 点  {state}',
  },
  soldOut: { en: 'sold out, refunded', 'zh-TW': '已售完，已退款', 'zh-CN': '已售完，已退款' },
  verifiable: { en: 'seed revealed: kingjam boxes verify {id}', 'zh-TW': '種子已公開：kingjam boxes verify {id}', 'zh-CN': '种子已公开：kingjam boxes verify {id}' },
  sealed: { en: 'seed not revealed yet', 'zh-TW': '種子尚未公開', 'zh-CN': '种子尚未公开' },
  verified: {
    en: '✓ Opening {id} verified: the revealed server seed matches the commitment published before the sale, and the draw gives the same item ({item}).',
    'zh-TW': '✓ 開盒 {id} 驗證通過：公開的伺服器種子與開賣前發布的承諾相符，重算的抽選結果是同一個物品（{item}）。',
    'zh-CN': '✓ 开盒 {id} 验证通过：公开的服务器种子与开卖前发布的承诺相符，重算的抽选结果是同一个物品（{item}）。',
  },
  mismatch: {
    en: '✗ Opening {id} does NOT check out: commitment {commitment}; recorded item {recorded}, recomputed item {recomputed}.',
    'zh-TW': '✗ 開盒 {id} 驗證不符：承諾{commitment}；記錄的物品 {recorded}，重算的物品 {recomputed}。',
    'zh-CN': '✗ 开盒 {id} 验证不符：承诺{commitment}；记录的物品 {recorded}，重算的物品 {recomputed}。',
  },
  commitmentOk: { en: 'matches', 'zh-TW': '相符', 'zh-CN': '相符' },
  commitmentBad: { en: 'does not match the seed', 'zh-TW': '與種子不符', 'zh-CN': '与种子不符' },
  notRevealed: {
    en: 'Opening {id} cannot be checked yet: its server seed is revealed when the series closes or rotates its seed. Commitment: {commitment}',
    'zh-TW': '開盒 {id} 還不能驗證：系列結束或輪換種子時才會公開伺服器種子。承諾：{commitment}',
    'zh-CN': '开盒 {id} 还不能验证：系列结束或轮换种子时才会公开服务器种子。承诺：{commitment}',
  },
  inputs: {
    en: 'server seed {seed} · client seed {client} · nonce {nonce} · HMAC message {message} · word {word}',
    'zh-TW': '伺服器種子 {seed} · 用戶端種子 {client} · nonce {nonce} · HMAC 訊息 {message} · 數值 {word}',
    'zh-CN': '服务器种子 {seed} · 客户端种子 {client} · nonce {nonce} · HMAC 消息 {message} · 数值 {word}',
  },
  usage: {
    en: 'Usage: kingjam boxes list [--json] | verify OPENING_ID [--json] [--language zh-TW|zh-CN|en]',
    'zh-TW': '用法：kingjam boxes list [--json] | verify OPENING_ID [--json] [--language zh-TW|zh-CN|en]',
    'zh-CN': '用法：kingjam boxes list [--json] | verify OPENING_ID [--json] [--language zh-TW|zh-CN|en]',
  },
  badId: { en: 'OPENING_ID is the id (a UUID) that `kingjam boxes list` shows.', 'zh-TW': 'OPENING_ID 是 `kingjam boxes list` 列出的 ID（UUID）。', 'zh-CN': 'OPENING_ID 是 `kingjam boxes list` 列出的 ID（UUID）。' },
} as const;

export type BoxesCliKey = keyof typeof TEXT;

export function boxesCliText(language: Language, key: BoxesCliKey, params: Record<string, string | number> = {}): string {
  return TEXT[key][language].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
