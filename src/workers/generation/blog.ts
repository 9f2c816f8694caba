import fs from 'node:fs/promises';
import path from 'node:path';
import { blogPlanSchema, type BlogPlan, type BlogRequest, type BlogResult } from '../../shared/generate/requests.js';
import { toneById } from '../../shared/generate/tones.js';
import type { JobPayload } from '../../shared/jobs/kinds.js';
import { creditsOn, PRICES, TEXT_CALLS, textCredits } from '../../shared/pricing.js';
import type { JobContext } from '../context.js';
import { cropToAspect, markAiGenerated } from '../media/image/index.js';
import { withStyle } from '../style/apply.js';
import { htmlDocument, markdownToHtml } from './markdown.js';
import { registryFor } from './registry.js';
import { progressLabel } from '../../shared/progress-labels.js';

const LANGUAGE_NAMES = { 'zh-TW': 'Traditional Chinese (Taiwan)', 'zh-CN': 'Simplified Chinese (mainland China)', en: 'English' } as const;

function planPrompt(r: BlogRequest): string {
  return [
    `Plan an SEO blog article in ${LANGUAGE_NAMES[r.language]} about: ${r.topic}.`,
    r.keywords.length ? `Target keywords: ${r.keywords.join(', ')}.` : '',
    r.persona ? `The author is ${r.persona}.` : '',
    `Return a title of at most 60 characters, a meta description of at most 160 characters, a URL slug in lower-case ASCII words joined by hyphens, 3–10 keywords and an outline of 3–10 section headings.`,
  ].filter(Boolean).join('\n');
}

function writePrompt(r: BlogRequest, plan: BlogPlan): string {
  return [
    `Write the article "${plan.title}" in ${LANGUAGE_NAMES[r.language]}, in Markdown, about ${r.length} ${r.language === 'en' ? 'words' : 'characters'}.`,
    `Use these sections as ## headings, in order: ${plan.outline.join(' | ')}.`,
    `Work in the keywords naturally: ${plan.keywords.join(', ')}. Do not repeat the title as a heading.`,
  ].join('\n');
}

/** A blog article: an SEO plan (structured), the body streamed while it is written, an optional cover, Markdown and HTML. */
export async function generateBlog(p: JobPayload<'generate.blog'>, ctx: JobContext): Promise<BlogResult> {
  const r = p.request;
  const registry = registryFor(ctx);
  const tone = toneById(r.tone);
  const brief = { topic: r.topic, tone: r.tone, language: r.language, keywords: r.keywords, length: r.length, ...(r.persona ? { persona: r.persona } : {}) };
  const system = `You are an expert SEO copywriter. Tone: ${tone.label.en}. Style guide: ${tone.guide}`;
  const call = { signal: ctx.signal, jobId: ctx.jobId };

  ctx.progress(0.05, progressLabel('planningArticle'));
  const structured = registry.resolve('structured', r.text);
  const plan = await structured.use.generateObject({ system, prompt: planPrompt(r), schema: blogPlanSchema, schemaName: 'BlogPlan', brief: { ...brief, form: 'title' } }, call);

  ctx.progress(0.15, progressLabel('writing'));
  const text = registry.resolve('text', r.text);
  const stream = text.use.streamText({ system, prompt: writePrompt(r, plan.value), brief: { ...brief, form: 'article' } }, call);
  let body = '';
  for await (const delta of stream) {
    body += delta;
    ctx.preview(body);
    ctx.progress(0.15 + 0.6 * Math.min(1, [...body].length / (r.length * (r.language === 'en' ? 6 : 1))), progressLabel('writing'));
  }
  const written = await stream.result();
  body = written.text;

  await fs.mkdir(p.outDir, { recursive: true });
  let coverPath: string | null = null;
  let imageCost = 0;
  if (r.cover !== 'none' && p.imageFile) {
    // The cover the user picked from the library: cut to the cover's 16:9, not marked as AI-made, nothing spent.
    ctx.progress(0.8, progressLabel('designingCover'));
    coverPath = path.join(p.outDir, 'cover.png');
    await cropToAspect(p.imageFile, { aspect: '16:9', outPath: coverPath, aiGenerated: false });
  } else if (r.cover !== 'none') {
    ctx.progress(0.8, progressLabel('designingCover'));
    const image = registry.resolve('image', r.image);
    const result = await image.use.generateImage(
      // A locked style named by the request (resolved by main into the payload) goes into the cover's prompt.
      await withStyle(
        {
          prompt: `Blog cover photo for "${plan.value.title}": ${r.topic}. No text.`,
          aspectRatio: '16:9',
          quality: r.cover,
          brief: { ...brief, headline: plan.value.title, subtitle: plan.value.keywords.slice(0, 3).join(' · ') },
        },
        p.style,
        image.provider.id,
        image.model,
      ),
      call,
    );
    const first = result.images[0];
    if (first) {
      coverPath = path.join(p.outDir, 'cover.png');
      await markAiGenerated(first.bytes, { outPath: coverPath });
      imageCost = creditsOn(r.image.provider, PRICES.image[r.cover]);
    }
  }

  ctx.progress(0.95, progressLabel('exporting'));
  const v = plan.value;
  const frontMatter = ['---', `title: ${JSON.stringify(v.title)}`, `description: ${JSON.stringify(v.metaDescription)}`, `slug: ${v.slug}`, `keywords: ${JSON.stringify(v.keywords)}`, `lang: ${r.language}`, `generator: KingJam Studio (AI-generated${written.draft ? ', draft' : ''})`, '---', ''].join('\n');
  const markdown = `${frontMatter}# ${v.title}\n\n${coverPath ? '![cover](cover.png)\n\n' : ''}${body.trim()}\n`;
  const markdownPath = path.join(p.outDir, `${v.slug}.md`);
  const htmlPath = path.join(p.outDir, `${v.slug}.html`);
  await fs.writeFile(markdownPath, markdown);
  await fs.writeFile(
    htmlPath,
    htmlDocument({ title: v.title, description: v.metaDescription, keywords: v.keywords, lang: r.language, body: markdownToHtml(`# ${v.title}\n\n${body}`), cover: coverPath ? 'cover.png' : null }),
  );
  return {
    ...v,
    markdownPath,
    htmlPath,
    coverPath,
    length: [...body].length,
    draft: written.draft || plan.draft,
    textModel: written.model,
    // Credits only for what KingJam Cloud ran (own keys and local models cost none); main records what its gateway really captured.
    // The model asked for is the price the estimate showed; without one, the model that wrote it.
    creditsUsed: creditsOn(r.text.provider, textCredits({ provider: r.text.provider, model: r.text.model ?? written.model }, TEXT_CALLS.article)) + imageCost,
  };
}
