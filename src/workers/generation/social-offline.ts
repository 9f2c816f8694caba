import type { ContentBrief } from './providers/index.js';

/**
 * The offline provider's social captions: three different openings from the
 * brief (topic, keywords, language) and hashtags without repeats, as many as
 * the prompt's "(min–max)" asks for. A draft like all offline output.
 */
const OPENERS = {
  'zh-TW': ['沒人告訴我{t}可以這麼好玩！', '今天來聊聊{t} ✨', '收藏起來：{t}的三個小秘訣'],
  'zh-CN': ['没人告诉我{t}可以这么好玩！', '今天来聊聊{t} ✨', '收藏起来：{t}的三个小秘诀'],
  en: ['Nobody told me {t} could be this fun!', 'Let’s talk about {t} ✨', 'Save this: 3 tips for {t}'],
} as const;

const CLOSERS = {
  'zh-TW': ['你最喜歡哪一個？留言告訴我！', '分享給一起過節的人 💌', '追蹤我，看更多靈感。'],
  'zh-CN': ['你最喜欢哪一个？留言告诉我！', '分享给一起过节的人 💌', '关注我，看更多灵感。'],
  en: ['Which one is your favourite? Tell me below!', 'Share it with the people you celebrate with 💌', 'Follow for more ideas.'],
} as const;

const TAGS = {
  'zh-TW': ['台灣', '生活日常', '推薦', '美食', '節日', '靈感', '分享', '打卡', '週末', '收藏', '好物', '旅行', '家人', '幸福', '日常'],
  'zh-CN': ['生活日常', '推荐', '美食', '节日', '灵感', '分享', '打卡', '周末', '收藏', '好物', '旅行', '家人', '幸福', '日常', '种草'],
  en: ['lifestyle', 'inspiration', 'weekend', 'foodie', 'family', 'tips', 'howto', 'daily', 'share', 'goodvibes', 'travel', 'mustsee', 'favorites', 'explore', 'today'],
} as const;

function tagOf(text: string): string {
  return `#${text.replace(/[^\p{L}\p{N}_]/gu, '')}`;
}

export function offlineSocialVariants(brief: ContentBrief | undefined, prompt: string): unknown {
  const lang = brief?.language ?? 'zh-TW';
  const topic = brief?.topic ?? 'KingJam';
  const range = /\((\d+)–(\d+)\)/.exec(prompt);
  const min = Number(range?.[1] ?? 3);
  const max = Number(range?.[2] ?? 5);
  const count = Math.min(max, Math.max(min, 5));
  const pool = [...new Set([topic, ...(brief?.keywords ?? []), ...TAGS[lang]].map(tagOf).filter((t) => t.length > 1))];
  const variants = OPENERS[lang].map((opener, i) => ({
    caption: `[DRAFT] ${opener.replace('{t}', topic)}\n${CLOSERS[lang][i]}`,
    hashtags: Array.from({ length: count }, (_, k) => pool[(i * 2 + k) % pool.length]!).filter((t, k, all) => all.indexOf(t) === k),
  }));
  return { variants };
}
