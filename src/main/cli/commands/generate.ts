import { GENERATE_USAGE } from '../usage.js';
import { say } from '../../../shared/messages.js';
import fs from 'node:fs';
import path from 'node:path';
import type { BlogProject, Project, SocialProject, VideoProject } from '../../../shared/generate/projects.js';
import { DIRECTOR_ASPECTS, SOCIAL_ASPECTS, TOPIC_LENGTH } from '../../../shared/generate/requests.js';
import { TONE_IDS } from '../../../shared/generate/tones.js';
import { LANGUAGES } from '../../../shared/settings.js';
import { QUALITIES } from '../../../shared/timeline.js';
import { PLATFORM_IDS, platformById, type PlatformId } from '../../../shared/generate/platforms.js';
import { barText } from '../../../shared/cli/bar-text.js';
import type { Estimate } from '../../../shared/pricing.js';
import { VIDEO_BACKENDS, type VideoBackend } from '../../../shared/pricing.js';
import { endedWithout, WorkFailed } from '../exit-code.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, type ParsedArgs, notOneOf, usageSaid, usageLines } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { cliLines } from '../../../shared/cli/lines.js';
import { cliRunText, type CliRunKey } from '../../../shared/cli/run-text.js';
import type { Language } from '../../../shared/settings.js';
import { ProgressBar } from '../progress.js';
import { noticeLine, progressSaid } from '../job-progress.js';
import { imageChoice, textChoice } from '../provider-flags.js';

function oneOf<T extends string>(args: ParsedArgs, name: string, values: readonly T[]): T | undefined {
  const v = stringFlag(args, name);
  if (v !== undefined && !values.includes(v as T)) throw notOneOf(name, values);
  return v as T | undefined;
}

/** --tone and --language, checked against the lists they come from. */
function common(args: ParsedArgs) {
  const tone = oneOf(args, 'tone', TONE_IDS);
  const language = oneOf(args, 'language', LANGUAGES);
  return { ...(tone ? { tone } : {}), ...(language ? { language } : {}) };
}

/** A cost line's label in `language` (main sends it in English: `article`, `scene 2 (veo)`). */
function costLabel(label: string, language: Language): string {
  const scene = /^scene (\d+) \((.+)\)$/.exec(label);
  if (scene) return cliRunText.say(language, 'cli.estimate.line.scene', { n: scene[1]!, backend: scene[2]! });
  const key = `cli.estimate.line.${label}`;
  return cliRunText.has(key) ? cliRunText.say(language, key) : label;
}

/** What a generation will cost, in `language`: free, no credits (own keys), or credits on KingJam Cloud line by line. */
export function describeEstimate(estimate: Estimate, language: Language): string {
  const text = (key: CliRunKey, params: Record<string, string | number> = {}): string => cliRunText.say(language, key, params);
  const list = (items: string[]): string => items.join(text('cli.estimate.separator'));
  const own = estimate.lines.filter((l) => l.billing === 'own-key').map((l) => costLabel(l.label, language));
  const ownNote = own.length ? text('cli.estimate.ownKey', { labels: list(own) }) : '';
  if (estimate.total === 0) return own.length ? text('cli.estimate.noCredits', { own: ownNote }) : text('cli.estimate.free');
  const paid = estimate.lines.filter((l) => l.credits > 0).map((l) => text('cli.estimate.paidLine', { label: costLabel(l.label, language), credits: l.credits }));
  return text('cli.estimate.credits', { total: estimate.total, lines: list(paid), own: ownNote });
}

/** --topic (or the first word): needed, and as long as a request's topic may be, refused as a usage error before anything is estimated. */
function topicOf(args: ParsedArgs, command: string): string {
  const topic = stringFlag(args, 'topic') ?? args.positionals[0];
  if (!topic) throw usageSaid(say('cli.needsTopic', { command }));
  const length = topic.trim().length;
  if (length < TOPIC_LENGTH.min || length > TOPIC_LENGTH.max) throw usageSaid(say('cli.topicLength', { min: TOPIC_LENGTH.min, max: TOPIC_LENGTH.max }));
  return topic;
}

/** Waits for a project to reach `done`, with a progress bar over its jobs. */
export async function followProject<P extends Project>(studio: Studio, id: string, label: string, done: (p: P) => boolean, quiet: boolean): Promise<P> {
  const language = cliLanguage(studio);
  const bar = quiet ? null : new ProgressBar(label);
  return new Promise<P>((resolve, reject) => {
    const check = () => {
      const p = studio.generate.get(id) as P;
      if (p.status === 'failed' || p.status === 'canceled') {
        cleanup();
        reject(new WorkFailed(p.error ?? endedWithout(p.status, 'project')));
      } else if (done(p)) {
        cleanup();
        bar?.update(1, 1, barText.say(language, 'cli.bar.done'));
        bar?.finish();
        resolve(p);
      }
    };
    const offProgress = studio.events.on('job.progress', (e) => {
      const p = studio.generate.get(id);
      if (!p.jobIds.includes(e.id)) return;
      const notice = noticeLine(e.message, language);
      if (notice) bar?.log(notice);
      bar?.update(e.progress, 1, e.message ? progressSaid(e.message, language) : '');
    });
    const offProject = studio.events.on('project.updated', (e) => e.id === id && check());
    const cleanup = () => {
      offProgress();
      offProject();
    };
    check();
  });
}

function copyOut(files: (string | null | undefined)[], outDir: string | undefined): string[] {
  const real = files.filter((f): f is string => Boolean(f));
  if (!outDir) return real;
  fs.mkdirSync(outDir, { recursive: true });
  return real.map((f) => {
    const dest = path.join(outDir, path.basename(f));
    fs.copyFileSync(f, dest);
    return dest;
  });
}

/** Shows what a generation will cost before anything runs; spending credits needs --yes. */
export type SpendGate = (estimate: Estimate) => void;

export function spendGate(args: ParsedArgs, io: CliIo, quiet: boolean, language: Language): SpendGate {
  return (estimate) => {
    if (!quiet) io.err(describeEstimate(estimate, language));
    if (estimate.total > 0 && !args.flags.has('yes')) {
      throw usageSaid(say('cli.spendNeedsYes', { credits: estimate.total }));
    }
  };
}

export async function generateBlog(studio: Studio, args: ParsedArgs, quiet: boolean, gate: SpendGate): Promise<BlogProject> {
  const topic = topicOf(args, 'kingjam generate blog');
  const cover = oneOf(args, 'cover', ['none', 'standard', 'fine'] as const) ?? 'standard';
  const request = {
    topic,
    keywords: (stringFlag(args, 'keywords') ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    ...common(args),
    ...(intFlag(args, 'length', 300, 5000) ? { length: intFlag(args, 'length', 300, 5000) } : {}),
    cover,
    text: textChoice(args),
    // Without a cover nothing is drawn, so the image provider does not matter.
    ...(cover === 'none' ? {} : { image: imageChoice(args) }),
  };
  gate(await studio.generate.estimateBlog(request));
  const started = await studio.generate.blog(request);
  return followProject<BlogProject>(studio, started.id, barText.say(cliLanguage(studio), 'cli.bar.writing'), (p) => p.status === 'ready', quiet);
}

export async function generateSocial(studio: Studio, args: ParsedArgs, quiet: boolean, gate: SpendGate): Promise<SocialProject> {
  const topic = topicOf(args, 'kingjam generate social');
  const platform = oneOf(args, 'platform', PLATFORM_IDS) ?? 'instagram';
  const request = {
    topic,
    platform: platform as PlatformId,
    ...common(args),
    ...(oneOf(args, 'aspect', SOCIAL_ASPECTS) ? { aspect: oneOf(args, 'aspect', SOCIAL_ASPECTS) } : {}),
    text: textChoice(args),
    image: imageChoice(args),
  };
  gate(await studio.generate.estimateSocial(request));
  const started = await studio.generate.social(request);
  const label = barText.say(cliLanguage(studio), 'cli.bar.post', { platform: platformById(platform).label[cliLanguage(studio)] });
  return followProject<SocialProject>(studio, started.id, label, (p) => p.status === 'ready', quiet);
}

export async function generateVideo(studio: Studio, args: ParsedArgs, quiet: boolean, gate: SpendGate): Promise<VideoProject> {
  const topic = topicOf(args, 'kingjam generate video');
  const request = {
    topic,
    backend: (oneOf(args, 'backend', VIDEO_BACKENDS) ?? 'offline') as VideoBackend,
    ...common(args),
    ...(oneOf(args, 'aspect', DIRECTOR_ASPECTS) ? { aspect: oneOf(args, 'aspect', DIRECTOR_ASPECTS) } : {}),
    ...(intFlag(args, 'seconds', 10, 120) ? { targetSeconds: intFlag(args, 'seconds', 10, 120) } : {}),
    ...(intFlag(args, 'scenes', 2, 12) ? { sceneCount: intFlag(args, 'scenes', 2, 12) } : {}),
    ...(intFlag(args, 'height', 240, 2160) ? { height: intFlag(args, 'height', 240, 2160) } : {}),
    ...(oneOf(args, 'quality', QUALITIES) ? { quality: oneOf(args, 'quality', QUALITIES) } : {}),
    text: textChoice(args),
    // --provider cloud renders the scenes on KingJam Cloud too; otherwise a paid backend runs on your own key.
    renderVia: textChoice(args).provider === 'cloud' ? ('cloud' as const) : ('own-key' as const),
  };
  gate(await studio.generate.estimateVideo(request));
  const started = await studio.generate.video(request);
  await followProject<VideoProject>(studio, started.id, barText.say(cliLanguage(studio), 'cli.bar.script'), (p) => p.status === 'scripted', quiet);
  await studio.generate.render(started.id);
  return followProject<VideoProject>(studio, started.id, barText.say(cliLanguage(studio), 'cli.bar.rendering'), (p) => p.status === 'ready' && p.output !== null, quiet);
}

/** What a project's jobs were charged in credits (on KingJam Cloud: what its gateway captured), said on stderr unless --json. */
async function charged(studio: Studio, project: Project, io: CliIo, json: boolean): Promise<number> {
  await studio.generate.chargesRecorded();
  let credits = 0;
  for (const id of project.jobIds) credits += (await studio.jobs.get(id))?.actualCredits ?? 0;
  if (!json && credits > 0) io.err(cliLines.say(cliLanguage(studio), 'cli.out.charged', { credits }));
  return credits;
}

/** `kingjam generate blog|social|video …` */
export async function generateCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [what, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'yes']);
  const json = args.flags.has('json');
  const out = stringFlag(args, 'out');
  const gate = spendGate(args, io, json, cliLanguage(studio));
  switch (what) {
    case 'blog': {
      const p = await generateBlog(studio, args, json, gate);
      const files = copyOut([p.result!.markdownPath, p.result!.htmlPath, p.result!.coverPath], out);
      const credits = await charged(studio, p, io, json);
      if (json) io.out(JSON.stringify({ project: p, files, credits }));
      else io.out(`${p.result!.title}\n${files.join('\n')}`);
      return 0;
    }
    case 'social': {
      const p = await generateSocial(studio, args, json, gate);
      const files = copyOut([p.result!.imagePath], out);
      const credits = await charged(studio, p, io, json);
      if (json) io.out(JSON.stringify({ project: p, files, credits }));
      else {
        p.result!.variants.forEach((v, i) => io.out(`${barText.say(cliLanguage(studio), 'cli.bar.variant', { n: i + 1, chars: v.chars })}\n${v.caption}\n${v.hashtags.join(' ')}`));
        for (const f of files) io.out(f);
      }
      return 0;
    }
    case 'video': {
      const p = await generateVideo(studio, args, json, gate);
      const files = copyOut([p.output!.output, p.output!.poster, p.output!.srt], out);
      const credits = await charged(studio, p, io, json);
      if (json) io.out(JSON.stringify({ project: p, files, credits }));
      else io.out(`${p.script!.title} — ${p.output!.durationSec.toFixed(1)} s\n${files.join('\n')}`);
      return 0;
    }
    default:
      throw usageLines(GENERATE_USAGE);
  }
}
