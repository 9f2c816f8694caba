import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRICES, TEXT_CALLS, textCredits } from '../src/shared/pricing.js';
import { makeAudio, makePng } from './helpers/media.js';
import { tempHome } from './helpers/studio.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

function kingjam(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, KINGJAM_HOME: home, KINGJAM_VIDEO_ENCODER: 'libx264', KINGJAM_LANGUAGE: 'en' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function probe(file: string) {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' })) as {
    format: { duration: string };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
  };
}

describe('kingjam compose and motion (media jobs through the queue)', () => {
  it('renders a timeline file through a video job, relative paths against the file', async () => {
    const home = tempHome();
    const dir = path.join(home, 'project');
    await makePng(path.join(dir, 'a.png'), 360, 640, '#be123c');
    await makePng(path.join(dir, 'b.png'), 360, 640, '#0891b2');
    makeAudio(path.join(dir, 'voice.wav'), 1);
    fs.writeFileSync(
      path.join(dir, 'tl.json'),
      JSON.stringify({
        version: 1,
        aspect: '9:16',
        height: 320,
        fps: 24,
        quality: 'draft',
        scenes: [
          { image: 'a.png', duration: 1.5, motion: 'zoom-in', caption: '團圓飯開動囉！', voice: 'voice.wav' },
          { image: 'b.png', duration: 1.5, caption: 'Happy New Year' },
        ],
        transition: { type: 'dissolve', duration: 0.5 },
      }),
    );
    const r = kingjam(home, 'compose', path.join(dir, 'tl.json'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { output: string; srt: string; poster: string };
    expect(result.output).toBe(path.join(dir, 'tl.mp4'));
    const info = probe(result.output);
    expect(Number(info.format.duration)).toBeCloseTo(3, 1);
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 180, height: 320 });
    expect(info.streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'aac')).toBe(true);
    expect(fs.readFileSync(result.srt, 'utf8')).toContain('團圓飯開動囉！');
    expect(fs.existsSync(result.poster)).toBe(true);
    const jobs = JSON.parse(kingjam(home, 'jobs', 'list', '--json').stdout) as { kind: string; queue: string; status: string }[];
    expect(jobs.find((j) => j.kind === 'media.compose')).toMatchObject({ queue: 'video', status: 'succeeded' });
    // The render and its poster became library items (issue 17), probed before the command exited: thumbnails are there at once.
    const probes = jobs.filter((j) => j.kind === 'media.probe');
    expect(probes.length).toBeGreaterThanOrEqual(1);
    expect(probes.every((j) => j.status === 'succeeded'), JSON.stringify(probes)).toBe(true);
  });

  it('names the bad field of a malformed timeline and renders nothing', () => {
    const home = tempHome();
    const file = path.join(home, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, aspect: '3:2', scenes: [{ image: 'x.png', duration: 0 }] }));
    const r = kingjam(home, 'compose', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('aspect: aspect must be one of 9:16, 16:9, 1:1, 4:5');
    expect(r.stderr).toContain('scenes.0.duration');
    fs.writeFileSync(file, '{ not json');
    expect(kingjam(home, 'compose', file).stderr).toContain('is not valid JSON');
  });

  it('makes a micro-motion clip of the asked length', async () => {
    const home = tempHome();
    const img = await makePng(path.join(home, 'family.png'), 320, 240, '#1e293b');
    const r = kingjam(home, 'motion', img, '--effect', 'snow', '--seconds', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { output: string };
    expect(result.output).toBe(path.join(home, 'family-snow.mp4'));
    expect(Number(probe(result.output).format.duration)).toBeCloseTo(2, 1);
  });
});

describe('kingjam generate and the demo campaign', () => {
  it('shows the cost first and will not spend credits without --yes; on the user\'s own key it costs none', () => {
    const article = textCredits({ provider: 'cloud' }, TEXT_CALLS.article);
    const r = kingjam(tempHome(), 'generate', 'blog', '--topic', 'Taipei cafés', '--provider', 'cloud');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Estimated cost: ${article + PRICES.image.standard} credits on KingJam Cloud (article ${article}, cover ${PRICES.image.standard}).`);
    expect(r.stderr).toContain('Run again with --yes');
    const own = kingjam(tempHome(), 'generate', 'blog', '--topic', 'Taipei cafés', '--provider', 'gemini');
    expect(own.stderr).toContain('Estimated cost: no credits. article, cover: no credits, billed by the provider to your own account.');
    expect(own.stderr).not.toContain('--yes');
  });

  it('runs the full offline campaign into one folder with a manifest of every file', () => {
    const home = tempHome();
    const out = path.join(home, 'campaign');
    const r = kingjam(home, 'demo', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; kind: string; jobId: string }[]; creditsSpent: number };
    const kinds = manifest.files.map((f) => f.kind);
    expect(kinds.filter((k) => k === 'blog')).toHaveLength(3); // md, html, cover
    expect(kinds.filter((k) => k === 'social')).toHaveLength(6); // captions + image, three platforms
    expect(manifest.creditsSpent).toBe(0);
    for (const f of manifest.files) {
      const bytes = fs.readFileSync(path.join(out, f.path));
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      expect(f.jobId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const video = manifest.files.find((f) => f.kind === 'video' && f.path.endsWith('.mp4'))!;
    const info = probe(path.join(out, video.path));
    expect(Number(info.format.duration)).toBeGreaterThanOrEqual(20);
    expect(Number(info.format.duration)).toBeLessThanOrEqual(30);
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 720, height: 1280 });
    expect(info.streams.some((s) => s.codec_type === 'audio')).toBe(true);
  });
});
