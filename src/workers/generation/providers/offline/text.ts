import type { ContentBrief, Language } from '../types.js';
import { bankFor, voiceOf, WORDS } from './phrases.js';
import { rngFrom, seedOf, type Rng } from './rng.js';

/**
 * Drafts written from templates: an article, a caption, a scene script, a
 * title, or a paragraph — driven by the brief's topic, tone, persona,
 * keywords and language. The same brief always gives the same draft.
 */

export interface Draft {
  text: string;
  language: Language;
}

export function languageOf(brief: ContentBrief | undefined, prompt = ''): Language {
  if (brief?.language) return brief.language;
  return /[\u3400-\u9fff]/.test(brief?.topic ?? prompt) ? 'zh-TW' : 'en';
}

/** A topic when the caller gave only a prompt: its first line, shortened. */
export function topicOf(brief: ContentBrief | undefined, prompt: string): string {
  const raw = brief?.topic?.trim() || prompt.split('\n').find((l) => l.trim())?.trim() || 'Untitled';
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
}

function fill(template: string, topic: string, keyword: string, persona: string): string {
  return template.replaceAll('{t}', topic).replaceAll('{k}', keyword).replaceAll('{p}', persona);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Ctx {
  rng: Rng;
  lang: Language;
  topic: string;
  keywords: string[];
  persona: string;
  voice: ReturnType<typeof voiceOf>;
}

function context(brief: ContentBrief | undefined, prompt: string): Ctx {
  const lang = languageOf(brief, prompt);
  const topic = topicOf(brief, prompt);
  const keywords = brief?.keywords?.filter((k) => k.trim()).map((k) => k.trim()) ?? [];
  return {
    rng: rngFrom(seedOf('offline-text', brief ?? null, prompt)),
    lang,
    topic,
    keywords: keywords.length ? keywords : [topic],
    persona: brief?.persona?.trim() ?? '',
    voice: voiceOf(brief?.tone),
  };
}

function sentence(c: Ctx, kind: 'openers' | 'body' | 'closers' | 'hooks' | 'ctas'): string {
  const t = fill(c.rng.pick(bankFor(c.lang, c.voice)[kind]), c.topic, c.rng.pick(c.keywords), c.persona);
  return c.lang === 'en' ? capitalise(t) : t;
}

function paragraph(c: Ctx, sentences: number): string {
  const parts = Array.from({ length: sentences }, () => sentence(c, 'body'));
  return parts.join(c.lang === 'en' ? ' ' : '');
}

export function article(brief: ContentBrief | undefined, prompt: string): Draft {
  const c = context(brief, prompt);
  const w = WORDS[c.lang];
  // Target length: words (en) or characters (zh); one body sentence is ~14 words / ~22 characters.
  const target = brief?.length ?? (c.lang === 'en' ? 600 : 1000);
  const perSentence = c.lang === 'en' ? 14 : 22;
  const sentences = Math.max(6, Math.round(target / perSentence));
  const sectionCount = Math.min(w.sections.length, Math.max(2, Math.round(sentences / 6)));
  const perSection = Math.max(2, Math.round(sentences / sectionCount));
  const lines: string[] = [`# ${title(c)}`, '', `> **${w.draft}** · ${w.draftNote}`, ''];
  lines.push(sentence(c, 'openers') + (c.persona ? (c.lang === 'en' ? ' ' : '') + fill(w.persona, c.topic, '', c.persona) : ''), '');
  for (const heading of w.sections.slice(0, sectionCount)) {
    lines.push(`## ${fill(heading, c.topic, '', c.persona)}`, '');
    const half = Math.ceil(perSection / 2);
    lines.push(paragraph(c, half), '', paragraph(c, perSection - half), '');
  }
  lines.push(`## ${w.keyPoints}`, '');
  for (const k of c.keywords.slice(0, 5)) lines.push(`- ${fill(c.rng.pick(bankFor(c.lang, c.voice).body), c.topic, k, c.persona)}`);
  lines.push('', `## ${w.conclusion}`, '', sentence(c, 'closers'), '');
  return { text: lines.join('\n'), language: c.lang };
}

function title(c: Ctx): string {
  const hook = sentence(c, 'hooks').replace(/[.。!！]+$/u, '');
  return hook.length <= 60 ? hook : c.topic;
}

export function caption(brief: ContentBrief | undefined, prompt: string): Draft {
  const c = context(brief, prompt);
  const w = WORDS[c.lang];
  const tags = c.keywords.slice(0, 5).map((k) => `#${k.replace(/[\s#]+/g, '')}`);
  const sep = c.lang === 'en' ? ' ' : '';
  const body = [sentence(c, 'body'), sentence(c, 'body')].join(sep);
  const text = [`[${w.draft}] ${sentence(c, 'hooks')}`, '', body, '', sentence(c, 'ctas'), '', tags.join(' ')].join('\n');
  return { text, language: c.lang };
}

export function script(brief: ContentBrief | undefined, prompt: string): Draft {
  const c = context(brief, prompt);
  const w = WORDS[c.lang];
  const scenes = Math.max(3, Math.min(8, Math.round((brief?.length ?? 25) / 5)));
  const lines = [`[${w.draft}] ${title(c)}`, ''];
  for (let i = 0; i < scenes; i++) {
    const kind = i === 0 ? 'hooks' : i === scenes - 1 ? 'closers' : 'body';
    lines.push(`${w.scene} ${i + 1}: ${sentence(c, kind)}`);
  }
  return { text: lines.join('\n'), language: c.lang };
}

export function titleDraft(brief: ContentBrief | undefined, prompt: string): Draft {
  const c = context(brief, prompt);
  return { text: title(c), language: c.lang };
}

export function generic(brief: ContentBrief | undefined, prompt: string): Draft {
  const c = context(brief, prompt);
  const sep = c.lang === 'en' ? ' ' : '';
  return { text: [sentence(c, 'openers'), paragraph(c, 3), sentence(c, 'closers')].join(sep), language: c.lang };
}

export function draftFor(brief: ContentBrief | undefined, prompt: string): Draft {
  switch (brief?.form) {
    case 'article':
      return article(brief, prompt);
    case 'caption':
      return caption(brief, prompt);
    case 'script':
      return script(brief, prompt);
    case 'title':
      return titleDraft(brief, prompt);
    default:
      return generic(brief, prompt);
  }
}

/** One sentence on the topic for a named field (used by the structured filler). */
export function fieldText(brief: ContentBrief | undefined, prompt: string, field: string, index: number): string {
  const c = context(brief, `${prompt}\u0000${field}\u0000${index}`);
  const f = field.toLowerCase();
  if (/title|headline|name/.test(f)) return title(c);
  if (/hashtag|tag/.test(f)) return `#${c.rng.pick(c.keywords).replace(/[\s#]+/g, '')}`;
  if (/keyword/.test(f)) return c.keywords[index % c.keywords.length] ?? c.topic;
  if (/cta|call/.test(f)) return sentence(c, 'ctas');
  if (/hook|caption|headline/.test(f)) return sentence(c, 'hooks');
  if (/prompt|visual|image/.test(f)) return `${c.topic}, cinematic composition, soft natural light, detailed, vertical frame (draft ${index + 1})`;
  if (/summary|description|meta|excerpt/.test(f)) return `${sentence(c, 'openers')}${c.lang === 'en' ? ' ' : ''}${sentence(c, 'closers')}`;
  return sentence(c, index === 0 ? 'openers' : 'body');
}
