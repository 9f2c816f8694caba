import { areaText } from '../area-text.js';

/** How `kingjam kol personas …` prints a persona and `kingjam kol posts …` / `review …` a post, in the three languages (ids, statuses, tones and providers as written). */
const en = {
  'personas.line': '{id}  {nickname} {language} accounts {accounts}  posts {posts}  pending {pending}  published {published}  failed {failed}{archived}',
  'personas.archived': '  (archived)',
  'personas.none': 'none',
  'personas.on': 'on',
  'personas.off': 'off',
  'personas.persona': 'persona    {id}  {nickname}',
  'personas.who': 'who        {who}',
  'personas.voice': 'voice      {tone}, {language}, emoji {emoji}; model {model} at {temperature}',
  'personas.accounts': 'accounts   {accounts}{client}',
  'personas.client': '  client {id}',
  'personas.limits': 'limits     {perDay} a day, quiet {quiet} ({zone}); auto-approve {auto}',
  'personas.posts': 'posts      {posts} (pending {pending}, published {published}, failed {failed}); mean engagement {engagement}',
  'posts.scores': 'risk {risk} q {quality}',
  'posts.notScored': 'not scored',
  'posts.notes': 'notes: {notes}',
} as const;

export type PersonaCliKey = keyof typeof en;

const zhTW: Record<PersonaCliKey, string> = {
  'personas.line': '{id}  {nickname} {language} 帳號 {accounts}  貼文 {posts}  待審 {pending}  已發布 {published}  失敗 {failed}{archived}',
  'personas.archived': '  （已封存）',
  'personas.none': '無',
  'personas.on': '開',
  'personas.off': '關',
  'personas.persona': '人設       {id}  {nickname}',
  'personas.who': '身分       {who}',
  'personas.voice': '語氣       {tone}、{language}、表情符號 {emoji}；模型 {model}，溫度 {temperature}',
  'personas.accounts': '帳號       {accounts}{client}',
  'personas.client': '  客戶 {id}',
  'personas.limits': '限制       每天 {perDay} 則，安靜時段 {quiet}（{zone}）；自動核准 {auto}',
  'personas.posts': '貼文       {posts} 則（待審 {pending}、已發布 {published}、失敗 {failed}）；平均互動 {engagement}',
  'posts.scores': '風險 {risk} 品質 {quality}',
  'posts.notScored': '尚未評分',
  'posts.notes': '審稿備註：{notes}',
};

const zhCN: Record<PersonaCliKey, string> = {
  'personas.line': '{id}  {nickname} {language} 账号 {accounts}  帖子 {posts}  待审 {pending}  已发布 {published}  失败 {failed}{archived}',
  'personas.archived': '  （已归档）',
  'personas.none': '无',
  'personas.on': '开',
  'personas.off': '关',
  'personas.persona': '人设       {id}  {nickname}',
  'personas.who': '身份       {who}',
  'personas.voice': '语气       {tone}、{language}、表情符号 {emoji}；模型 {model}，温度 {temperature}',
  'personas.accounts': '账号       {accounts}{client}',
  'personas.client': '  客户 {id}',
  'personas.limits': '限制       每天 {perDay} 条，安静时段 {quiet}（{zone}）；自动批准 {auto}',
  'personas.posts': '帖子       {posts} 条（待审 {pending}、已发布 {published}、失败 {failed}）；平均互动 {engagement}',
  'posts.scores': '风险 {risk} 质量 {quality}',
  'posts.notScored': '尚未评分',
  'posts.notes': '审稿备注：{notes}',
};

export const personaCliText = areaText<PersonaCliKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
