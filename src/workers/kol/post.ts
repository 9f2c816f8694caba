import { z } from 'zod';
import { toneById } from '../../shared/generate/tones.js';
import type { JobPayload } from '../../shared/jobs/kinds.js';

/**
 * A KOL post's prompt, its structured answer and the finishing every
 * provider's answer gets (the signature, plain text beside the Markdown), so
 * a model's post and the offline draft reach the review queue in one shape.
 */
export type WritePayload = JobPayload<'kol.write'>;

const LANGUAGE_NAMES = { 'zh-TW': 'Traditional Chinese as written in Taiwan', 'zh-CN': 'Simplified Chinese as written in mainland China', en: 'English' } as const;
const EMOJI_RULES = { none: 'Use no emoji at all.', some: 'Use one to three emoji where they fit.', many: 'Use emoji generously, several per paragraph.' } as const;

/** The answer every provider must give; a phrase the persona must avoid makes it invalid, so the model's repair round removes it. */
export function kolPostSchema(avoid: readonly string[]) {
  return z
    .object({
      title: z.string().trim().min(1).max(120),
      contentMd: z.string().trim().min(20).max(5000),
      tags: z.array(z.string().trim().min(1).max(40)).max(10),
    })
    .superRefine((post, ctx) => {
      const text = `${post.title}\n${post.contentMd}`.toLowerCase();
      for (const phrase of avoid) {
        if (text.includes(phrase.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['contentMd'], message: `must not contain "${phrase}"` });
      }
    });
}
export type KolPostAnswer = z.output<ReturnType<typeof kolPostSchema>>;

export function systemPrompt(p: WritePayload): string {
  const tone = toneById(p.persona.tone.tone);
  return [
    `You are ${p.persona.nickname}, a social media KOL. Write as this person, in the first person.`,
    `Who you are: ${p.persona.persona}`,
    p.persona.contentStyle ? `Your content style: ${p.persona.contentStyle}` : '',
    p.persona.targetAudience ? `Your audience: ${p.persona.targetAudience}` : '',
    p.persona.expertiseAreas.length ? `Your expertise: ${p.persona.expertiseAreas.join(', ')}.` : '',
    `Tone: ${tone.label.en}. ${tone.guide}`,
    EMOJI_RULES[p.persona.tone.emoji],
    p.persona.tone.catchPhrases.length ? `Work in one of your catch-phrases naturally: ${p.persona.tone.catchPhrases.map((c) => `"${c}"`).join(', ')}.` : '',
    p.persona.tone.avoid.length ? `Never use these words or phrases: ${p.persona.tone.avoid.map((c) => `"${c}"`).join(', ')}.` : '',
    `Write in ${LANGUAGE_NAMES[p.persona.tone.language]}.`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function userPrompt(p: WritePayload): string {
  return [
    `Write one social media post about: ${p.topic}`,
    p.context ? `Facts to use (do not invent others):\n${p.context}` : '',
    p.learned.length ? `What worked for your earlier posts:\n${p.learned.map((l) => `- ${l}`).join('\n')}` : '',
    'Answer as JSON: "title" (a short headline), "contentMd" (the post in Markdown, 80–300 words or 150–500 characters in Chinese, no hashtags in it), "tags" (3–8 hashtags without #).',
    'Do not add a signature; it is added for you.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Markdown to the plain text a platform shows: emphasis and headings marks dropped, links as "label (url)". */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The answer as a post: the signature under it, tags without # and without repeats. */
export function finishPost(p: WritePayload, answer: KolPostAnswer): { title: string; content: string; contentMd: string; tags: string[] } {
  const signature = p.persona.tone.signature;
  const contentMd = signature ? `${answer.contentMd}\n\n${signature}` : answer.contentMd;
  const tags = [...new Set(answer.tags.map((t) => t.replace(/^#+/, '').trim()).filter(Boolean))];
  return { title: answer.title, content: plainText(contentMd), contentMd, tags };
}
