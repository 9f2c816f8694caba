import fs from 'node:fs';
import path from 'node:path';
import type { ContactSheetResult } from '../../../shared/jobs/kinds.js';
import type { Project } from '../../../shared/generate/projects.js';
import { platformById, type PlatformId } from '../../../shared/generate/platforms.js';
import { barText } from '../../../shared/cli/bar-text.js';
import { resourcesDir } from '../../paths.js';
import type { Studio } from '../../studio.js';
import { parseArgs, stringFlag } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { cliLines, type CliLineKey } from '../../../shared/cli/lines.js';
import { sha256File } from '../../library/files.js';
import { endedWithout, WorkFailed } from '../exit-code.js';
import { ensureFfmpeg } from './ffmpeg-preflight.js';
import { followProject } from './generate.js';
import { importAndWait } from './import.js';

interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  kind: string;
  jobId: string | null;
  credits: number;
}

const TOPIC = '台北春節團圓飯';
const SOCIAL: PlatformId[] = ['instagram', 'facebook', 'threads'];

/**
 * `kingjam demo`: the whole engine on a fresh machine with no keys — the
 * sample media into the library and a contact sheet, then an offline
 * campaign (one blog article, three social posts with images, a vertical
 * video with captions and music) copied into one folder with a manifest.
 */
export async function demoCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const json = args.flags.has('json');
  const language = cliLanguage(studio);
  if (!ensureFfmpeg(io, language)) return 1;
  const out = path.resolve(stringFlag(args, 'out') ?? path.join(studio.paths.outputs, 'demo-campaign'));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const line = (key: CliLineKey, params: Record<string, string | number> = {}): string => cliLines.say(language, key, params);
  const say = (key: CliLineKey, params: Record<string, string | number> = {}) => !json && io.err(line(key, params));
  say('cli.demo.start', { home: studio.paths.home, out });
  const files: ManifestFile[] = [];
  const keep = async (file: string | null | undefined, kind: string, jobId: string | null, credits = 0) => {
    if (!file) return;
    const dest = path.join(out, `${kind}-${path.basename(file)}`);
    fs.copyFileSync(file, dest);
    files.push({ path: path.relative(out, dest), sha256: await sha256File(dest), bytes: fs.statSync(dest).size, kind, jobId, credits });
  };
  const creditsOf = async (p: Project) => {
    let sum = 0;
    for (const id of p.jobIds) sum += (await studio.jobs.get(id))?.actualCredits ?? 0;
    return sum;
  };

  say('cli.demo.media');
  const summary = await importAndWait(studio, [path.join(resourcesDir(), 'samples')], io, json);
  const assets = summary.assetIds.map((id) => studio.library.get(id)).filter((a) => a.kind === 'image');
  const sheetJob = await studio.jobs.enqueue('media.contactSheet', {
    title: 'KingJam Studio · 範例素材 Sample media',
    images: assets.map((a) => ({ path: path.join(studio.paths.library, a.file), label: a.name })),
    out: path.join(studio.paths.outputs, 'demo-contact-sheet.png'),
    columns: 3,
  });
  const sheet = await studio.jobs.waitFor(sheetJob.id);
  if (sheet.status !== 'succeeded') throw new WorkFailed(sheet.error ?? endedWithout(sheet.status, 'contact sheet'));
  await keep((sheet.result as ContactSheetResult).path, 'library', sheet.id);

  say('cli.demo.blog');
  const blogStart = await studio.generate.blog({ topic: TOPIC, keywords: ['團圓飯', '年菜', '台北餐廳'], tone: 'friendly', language: 'zh-TW', length: 900 });
  const blog = await followProject(studio, blogStart.id, barText.say(language, 'cli.bar.writing'), (p) => p.status === 'ready', json);
  if (blog.kind === 'blog' && blog.result) {
    const credits = await creditsOf(blog);
    for (const f of [blog.result.markdownPath, blog.result.htmlPath, blog.result.coverPath]) await keep(f, 'blog', blog.jobIds[0] ?? null, f === blog.result.markdownPath ? credits : 0);
  }

  say('cli.demo.social');
  const posts = [];
  for (const platform of SOCIAL) {
    const started = await studio.generate.social({ topic: TOPIC, platform, tone: 'enthusiastic', language: 'zh-TW' });
    const post = await followProject(studio, started.id, barText.say(language, 'cli.bar.post', { platform: platformById(platform).label[language] }), (p) => p.status === 'ready', json);
    if (post.kind === 'social' && post.result) {
      const captions = path.join(studio.paths.temp, `${platform}-captions.txt`);
      fs.writeFileSync(captions, post.result.variants.map((v, i) => `# ${i + 1}\n${v.caption}\n${v.hashtags.join(' ')}\n`).join('\n'));
      await keep(captions, 'social', post.jobIds[0] ?? null, await creditsOf(post));
      await keep(post.result.imagePath, 'social', post.jobIds[0] ?? null);
      posts.push(post);
    }
  }

  say('cli.demo.video');
  const videoStart = await studio.generate.video({ topic: TOPIC, keywords: ['團圓', '年菜'], tone: 'friendly', language: 'zh-TW', aspect: '9:16', targetSeconds: 24, sceneCount: 5, height: 1280 });
  await followProject(studio, videoStart.id, barText.say(language, 'cli.bar.script'), (p) => p.status === 'scripted', json);
  await studio.generate.render(videoStart.id);
  const video = await followProject(studio, videoStart.id, barText.say(language, 'cli.bar.rendering'), (p) => p.status === 'ready' && p.kind === 'video' && p.output !== null, json);
  if (video.kind === 'video' && video.output) {
    const composeJob = video.composeJobId;
    await keep(video.output.output, 'video', composeJob, await creditsOf(video));
    await keep(video.output.poster, 'video', composeJob);
    await keep(video.output.srt, 'video', composeJob);
  }

  const totalCredits = files.reduce((s, f) => s + f.credits, 0);
  const manifest = { createdAt: new Date().toISOString(), topic: TOPIC, provider: 'offline (drafts)', creditsSpent: totalCredits, files };
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  if (json) io.out(JSON.stringify({ out, ...manifest }));
  else {
    io.out(line('cli.demo.campaign', { out }));
    io.out(line('cli.demo.sumBlog', { title: blog.kind === 'blog' ? (blog.result?.title ?? '') : '' }));
    io.out(line('cli.demo.sumSocial', { count: posts.length, platforms: SOCIAL.map((p) => platformById(p).label[language]).join(', ') }));
    io.out(line('cli.demo.sumVideo', { video: video.kind === 'video' ? `${video.output?.durationSec.toFixed(1)} s, ${video.output?.width}×${video.output?.height}` : '' }));
    io.out(line('cli.demo.sumFiles', { count: files.length, credits: totalCredits }));
    io.out(line('cli.demo.next'));
  }
  return 0;
}
