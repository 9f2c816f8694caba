import type { ContentBrief } from './providers/index.js';

/**
 * The offline provider's Director script: a deterministic storyboard built
 * from the brief (topic, keywords, language) and the scene count and length
 * the prompt asks for. Labelled as a draft by the provider like all its output.
 */
const BEATS = {
  'zh-TW': { open: ['一起來看看「{t}」', '關於{t}，你不能錯過'], mid: ['重點：{k}', '這樣做最簡單', '大家最愛的{k}', '小技巧分享', '現場直擊'], close: ['記得按讚追蹤！', '下次見！'] },
  'zh-CN': { open: ['一起来看看「{t}」', '关于{t}，你不能错过'], mid: ['重点：{k}', '这样做最简单', '大家最爱的{k}', '小技巧分享', '现场直击'], close: ['记得点赞关注！', '下次见！'] },
  en: { open: ['Let’s talk about {t}', 'You can’t miss this: {t}'], mid: ['Key point: {k}', 'The easy way', 'Everyone loves {k}', 'A quick tip', 'Up close'], close: ['Follow for more!', 'See you next time!'] },
} as const;

const MOTIONS = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left'] as const;

export function offlineDirectorScript(brief: ContentBrief | undefined, prompt: string): unknown {
  const lang = brief?.language ?? 'zh-TW';
  const beats = BEATS[lang];
  const topic = brief?.topic ?? 'KingJam';
  const keywords = brief?.keywords?.length ? brief.keywords : [topic];
  const count = Number(/exactly (\d+) scenes/.exec(prompt)?.[1] ?? 5);
  const seconds = Number(/(\d+) seconds in total/.exec(prompt)?.[1] ?? count * 5);
  const per = Math.round((seconds / count) * 10) / 10;
  const fill = (s: string, i: number) => s.replace('{t}', topic).replace('{k}', keywords[i % keywords.length]!);
  const scenes = Array.from({ length: count }, (_, i) => {
    const caption = i === 0 ? fill(beats.open[0], i) : i === count - 1 ? fill(beats.close[0], i) : fill(beats.mid[(i - 1) % beats.mid.length]!, i);
    return {
      narration: caption,
      caption: [...caption].slice(0, 40).join(''),
      visualPrompt: `${topic}, scene ${i + 1}: ${caption}`,
      duration: Math.min(10, Math.max(2, per)),
      motion: MOTIONS[i % MOTIONS.length],
      transition: 'dissolve',
    };
  });
  return { title: [...fill(beats.open[1], 0)].slice(0, 60).join(''), scenes };
}
