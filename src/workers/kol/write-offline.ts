import { createHash } from 'node:crypto';
import type { KolPostAnswer, WritePayload } from './post.js';

/**
 * The offline provider's KOL post: no model, so it is assembled from the
 * persona and the topic — an opening, a point from the persona's expertise,
 * the batch's facts, a close in the persona's tone family, a catch-phrase,
 * emoji as the persona uses them — each part chosen by a hash of persona and
 * topic, so the same pair always reads the same and 500 posts across 20
 * personas do not read as one template.
 */
type Lang = WritePayload['persona']['tone']['language'];
type Family = 'formal' | 'warm' | 'story' | 'calm';

const FAMILY: Record<WritePayload['persona']['tone']['tone'], Family> = {
  professional: 'formal', authoritative: 'formal', journalistic: 'formal', educational: 'formal',
  casual: 'warm', friendly: 'warm', humorous: 'warm', enthusiastic: 'warm',
  persuasive: 'story', inspirational: 'story', storytelling: 'story', empathetic: 'story',
  luxurious: 'calm', minimalist: 'calm',
};

const TITLES: Record<Lang, string[]> = {
  'zh-TW': ['{t}，我的真心話', '關於{t}，你該知道的事', '{t}：三個重點一次看', '聊聊{t}', '{t}，我這樣看', '最近大家都在問的{t}'],
  'zh-CN': ['{t}，我的真心话', '关于{t}，你该知道的事', '{t}：三个重点一次看', '聊聊{t}', '{t}，我这样看', '最近大家都在问的{t}'],
  en: ['{t}: my honest take', 'What you should know about {t}', '{t} in three points', 'Let’s talk about {t}', 'How I see {t}', 'The {t} question everyone asks'],
};

const OPENERS: Record<Lang, string[]> = {
  'zh-TW': ['最近好多人私訊問我{t}，今天一次回答。', '說到{t}，我先講結論：值得花時間了解。', '這週我一直在想{t}這件事。', '{t}看起來簡單，其實細節很多。', '坦白說，我對{t}的看法跟一年前不一樣了。', '身邊的{a}常常問起{t}，整理給你。', '如果你只有三分鐘，關於{t}請記住這篇。'],
  'zh-CN': ['最近好多人私信问我{t}，今天一次回答。', '说到{t}，我先讲结论：值得花时间了解。', '这周我一直在想{t}这件事。', '{t}看起来简单，其实细节很多。', '坦白说，我对{t}的看法跟一年前不一样了。', '身边的{a}常常问起{t}，整理给你。', '如果你只有三分钟，关于{t}请记住这篇。'],
  en: ['So many of you asked me about {t} this week, so here it is.', 'On {t}, the short answer first: it is worth your time.', 'I have been thinking about {t} all week.', '{t} looks simple, but the details matter.', 'Honestly, my view on {t} has changed over the past year.', 'The {a} I talk to keep asking about {t}, so I wrote it down.', 'If you only have three minutes, remember this about {t}.'],
};

const POINTS: Record<Lang, string[]> = {
  'zh-TW': ['從{x}的角度來看，關鍵在於先看清楚自己的需求。', '我在{x}這塊摸索多年，最大的心得是：別急，慢慢比較。', '以{x}的經驗，我會先從小地方開始試。', '很多人忽略了{x}跟這件事的關係，其實影響很大。', '用{x}的眼光看，這是一個長期的選擇，不是一次性的決定。', '我自己做{x}，最常提醒的是：先問「為什麼」。'],
  'zh-CN': ['从{x}的角度来看，关键在于先看清楚自己的需求。', '我在{x}这块摸索多年，最大的心得是：别急，慢慢比较。', '以{x}的经验，我会先从小地方开始试。', '很多人忽略了{x}跟这件事的关系，其实影响很大。', '用{x}的眼光看，这是一个长期的选择，不是一次性的决定。', '我自己做{x}，最常提醒的是：先问“为什么”。'],
  en: ['From a {x} point of view, the key is knowing what you actually need.', 'After years in {x}, my biggest lesson is: do not rush, compare calmly.', 'With my {x} background, I always start small and test.', 'People overlook how much {x} matters here.', 'Seen through {x}, this is a long-term choice, not a one-off.', 'What I repeat most in {x}: ask "why" first.'],
};

const STYLE: Record<Lang, string> = { 'zh-TW': '一樣的風格：{s}。', 'zh-CN': '一样的风格：{s}。', en: 'As always: {s}.' };
const FACTS: Record<Lang, string> = { 'zh-TW': '先看重點：{c}', 'zh-CN': '先看重点：{c}', en: 'The facts first: {c}' };

const CLOSERS: Record<Lang, Record<Family, string[]>> = {
  'zh-TW': {
    formal: ['以上是我的整理，歡迎補充你的觀點。', '結論：先了解，再行動。', '資訊會更新，我也會持續追蹤。'],
    warm: ['你呢？留言跟我分享吧！', '覺得有用就分享給朋友～', '下次想聊什麼，告訴我！'],
    story: ['每一步都算數，我們一起走下去。', '願這篇給你一點勇氣。', '故事還沒完，下次繼續說。'],
    calm: ['慢慢來，比較快。', '少即是多。', '留給自己一點思考的空間。'],
  },
  'zh-CN': {
    formal: ['以上是我的整理，欢迎补充你的观点。', '结论：先了解，再行动。', '信息会更新，我也会持续跟进。'],
    warm: ['你呢？留言跟我分享吧！', '觉得有用就分享给朋友～', '下次想聊什么，告诉我！'],
    story: ['每一步都算数，我们一起走下去。', '愿这篇给你一点勇气。', '故事还没完，下次继续说。'],
    calm: ['慢慢来，比较快。', '少即是多。', '留给自己一点思考的空间。'],
  },
  en: {
    formal: ['That is my summary; add your view below.', 'Bottom line: understand first, then act.', 'Things change, and I will keep following this.'],
    warm: ['What about you? Tell me in the comments!', 'Found it useful? Share it with a friend.', 'What should I talk about next?'],
    story: ['Every step counts, and we take them together.', 'I hope this gives you a little courage.', 'The story is not over; more next time.'],
    calm: ['Slow is smooth.', 'Less, but better.', 'Leave yourself room to think.'],
  },
};

const EMOJI = ['✨', '💡', '📌', '🙌', '☕', '🌱', '🔥', '👀', '💬', '📈'];
const FALLBACK_AREA: Record<Lang, string> = { 'zh-TW': '生活', 'zh-CN': '生活', en: 'everyday life' };
const FALLBACK_AUDIENCE: Record<Lang, string> = { 'zh-TW': '朋友', 'zh-CN': '朋友', en: 'friends' };

/** A stream of numbers from the persona and topic: each part of the post takes the next one. */
function picker(seed: string): (n: number) => number {
  const digest = createHash('sha256').update(seed).digest();
  let i = 0;
  return (n) => digest.readUInt16BE((i++ * 2) % (digest.length - 1)) % n;
}

export function offlineKolPost(p: WritePayload): KolPostAnswer {
  const lang = p.persona.tone.language;
  const pick = picker(`${p.persona.nickname}\u0000${p.persona.persona}\u0000${p.topic}\u0000${p.context}`);
  const topic = p.topic;
  const area = p.persona.expertiseAreas.length ? p.persona.expertiseAreas[pick(p.persona.expertiseAreas.length)]! : FALLBACK_AREA[lang];
  const audience = p.persona.targetAudience || FALLBACK_AUDIENCE[lang];
  const emoji = (count: number) => (p.persona.tone.emoji === 'none' ? '' : ` ${Array.from({ length: count }, () => EMOJI[pick(EMOJI.length)]).join('')}`);
  const perLine = p.persona.tone.emoji === 'many' ? 2 : 1;
  const lines = [
    OPENERS[lang][pick(OPENERS[lang].length)]!.replace('{t}', topic).replace('{a}', audience) + emoji(perLine),
    p.context ? FACTS[lang].replace('{c}', p.context.split('\n')[0]!.slice(0, 200)) : '',
    POINTS[lang][pick(POINTS[lang].length)]!.replace('{x}', area),
    p.persona.contentStyle ? STYLE[lang].replace('{s}', p.persona.contentStyle) : '',
    p.persona.tone.catchPhrases.length ? `**${p.persona.tone.catchPhrases[pick(p.persona.tone.catchPhrases.length)]}**` : '',
    CLOSERS[lang][FAMILY[p.persona.tone.tone]][pick(3)]! + (p.persona.tone.emoji === 'many' ? emoji(1) : ''),
  ].filter(Boolean);
  let contentMd = lines.join('\n\n');
  let title = TITLES[lang][pick(TITLES[lang].length)]!.replace('{t}', topic);
  for (const phrase of p.persona.tone.avoid) {
    const word = new RegExp(phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    contentMd = contentMd.replace(word, '').replace(/ {2,}/g, ' ');
    title = title.replace(word, '').trim() || topic;
  }
  const tags = [...new Set([topic, area, ...p.persona.expertiseAreas].map((t) => t.replace(/[^\p{L}\p{N}_]/gu, '')).filter((t) => t.length > 1))].slice(0, 6);
  return { title: title.slice(0, 120), contentMd, tags };
}
