import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src/shared/errors.js';
import type { TimelineInput } from '../../src/shared/timeline.js';
import { composeTimeline, loadTimelineFile } from '../../src/workers/media/compose/index.js';
import { runFfmpeg } from '../../src/workers/media/ff/run.js';
import { lavfiImage, sine, tempDir } from './helpers.js';

const dir = tempDir('compose-err');
const out = (name: string): string => path.join(dir, 'out', name);

beforeAll(() => {
  lavfiImage(path.join(dir, 'a.png'), 'testsrc2=s=320x240');
  fs.writeFileSync(path.join(dir, 'corrupt.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]));
  fs.writeFileSync(path.join(dir, 'corrupt.wav'), Buffer.from('RIFF this is not really audio at all'.repeat(20)));
  sine(path.join(dir, 'voice.wav'), 800, 1);
  fs.writeFileSync(path.join(dir, 'a-file'), 'x');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function tl(scenes: TimelineInput['scenes'], extra: Partial<TimelineInput> = {}): TimelineInput {
  return { version: 1, aspect: '1:1', height: 240, quality: 'draft', scenes, ...extra };
}

async function failure(p: Promise<unknown>): Promise<StudioError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('expected a failure');
}

describe('composeTimeline refuses bad input clearly', () => {
  it('names a missing file and its field', async () => {
    const err = await failure(composeTimeline(tl([{ image: 'nope.png', duration: 1 }]), { baseDir: dir, outPath: out('x.mp4') }));
    expect(err.code).toBe('FILE_NOT_FOUND');
    expect(err.field).toBe('scenes.0.image');
    expect(err.message).toContain(path.join(dir, 'nope.png'));
  });

  it('names a corrupt image and a corrupt voice file', async () => {
    const img = await failure(composeTimeline(tl([{ image: 'a.png', duration: 1 }, { image: 'corrupt.png', duration: 1 }]), { baseDir: dir, outPath: out('x.mp4') }));
    expect(img.code).toBe('INVALID_MEDIA');
    expect(img.message).toContain('corrupt.png');
    expect(img.field).toBe('scenes.1.image');
    const voice = await failure(composeTimeline(tl([{ image: 'a.png', duration: 1, voice: 'corrupt.wav' }]), { baseDir: dir, outPath: out('x.mp4') }));
    expect(voice.code).toBe('INVALID_MEDIA');
    expect(voice.message).toContain('corrupt.wav');
  });

  it('refuses zero durations, unknown aspects and transitions as TIMELINE_INVALID with the field', async () => {
    const zero = await failure(composeTimeline(tl([{ image: 'a.png', duration: 0 }]), { baseDir: dir, outPath: out('x.mp4') }));
    expect(zero.code).toBe('TIMELINE_INVALID');
    expect(zero.field).toBe('scenes.0.duration');
    const aspect = await failure(composeTimeline({ ...tl([{ image: 'a.png', duration: 1 }]), aspect: '2:1' } as unknown as TimelineInput, { baseDir: dir, outPath: out('x.mp4') }));
    expect(aspect.field).toBe('aspect');
    const tr = await failure(
      composeTimeline(tl([{ image: 'a.png', duration: 1 }, { image: 'a.png', duration: 1 }], { transition: { type: 'zoom' as 'fade', duration: 0.2 } }), { baseDir: dir, outPath: out('x.mp4') }),
    );
    expect(tr.message).toMatch(/transition type must be one of/);
  });

  it('refuses a caption character no caption font has, naming it, before rendering', async () => {
    // Emoji are drawn by the bundled Noto Emoji; Egyptian hieroglyphs are in none of the caption fonts.
    const err = await failure(composeTimeline(tl([{ image: 'a.png', duration: 1, caption: '新年快樂 🧧 𓀀𓁐' }]), { baseDir: dir, outPath: out('glyph.mp4') }));
    expect(err.code).toBe('GLYPH_MISSING');
    expect(err.field).toBe('scenes.0.caption');
    expect(err.message).toContain('"𓀀" (U+13000)');
    expect(err.message).toContain('"𓁐" (U+13050)');
    expect(err.message).not.toContain('U+1F9E7');
    expect(fs.existsSync(out('glyph.mp4'))).toBe(false);
  });

  it('refuses a timeline over 10 minutes or 200 scenes with the limit named', async () => {
    const long = await failure(composeTimeline(tl([{ image: 'a.png', duration: 300 }, { image: 'a.png', duration: 301 }]), { baseDir: dir, outPath: out('x.mp4') }));
    expect(long.message).toMatch(/limit is 600 s \(10 minutes\)/);
    const many = await failure(composeTimeline(tl(Array.from({ length: 201 }, () => ({ image: 'a.png', duration: 0.5 }))), { baseDir: dir, outPath: out('x.mp4') }));
    expect(many.message).toMatch(/at most 200 scenes/);
  });

  it('refuses an output path that is not writable', async () => {
    const err = await failure(composeTimeline(tl([{ image: 'a.png', duration: 1 }]), { baseDir: dir, outPath: path.join(dir, 'a-file', 'out.mp4') }));
    expect(err.code).toBe('OUTPUT_NOT_WRITABLE');
    expect(err.message).toContain(path.join(dir, 'a-file'));
  });

  it('loads a timeline file, resolving paths against its folder, and reports bad JSON', () => {
    fs.writeFileSync(path.join(dir, 't.json'), JSON.stringify(tl([{ image: 'a.png', duration: 1 }])));
    expect(loadTimelineFile(path.join(dir, 't.json')).baseDir).toBe(dir);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "version": 1, ');
    expect(() => loadTimelineFile(path.join(dir, 'bad.json'))).toThrow(/not valid JSON/);
  });

  it('reports the tail of ffmpeg stderr when ffmpeg fails', async () => {
    const err = await failure(runFfmpeg(['-f', 'lavfi', '-i', 'color=s=64x64:d=0.1', '-vf', 'no_such_filter_xyz', '-f', 'null', '-'], { what: 'in a test' }));
    expect(err.code).toBe('FFMPEG_FAILED');
    expect(err.message).toContain('ffmpeg failed in a test');
    expect(err.message).toMatch(/no_such_filter_xyz/);
  });

  it('cancels mid-render: ffmpeg is killed, no temp or partial files are left', async () => {
    const temp = path.join(dir, 'tmp-cancel');
    fs.mkdirSync(temp);
    const ac = new AbortController();
    let sawProgress = false;
    const started = Date.now();
    const err = await failure(
      composeTimeline(
        tl([{ image: 'a.png', duration: 30, motion: 'zoom-in', caption: '取消' }], { height: 720, quality: 'high' }),
        {
          baseDir: dir,
          outPath: out('cancel.mp4'),
          tempDir: temp,
          encoder: 'libx264',
          signal: ac.signal,
          onProgress: (f) => {
            if (f > 0 && !sawProgress) {
              sawProgress = true;
              ac.abort();
            }
          },
        },
      ),
    );
    expect(err.code).toBe('CANCELED');
    expect(sawProgress).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(fs.readdirSync(temp)).toEqual([]);
    const left = fs.existsSync(path.join(dir, 'out')) ? fs.readdirSync(path.join(dir, 'out')) : [];
    expect(left.filter((f) => f.startsWith('cancel') || f.startsWith('.cancel'))).toEqual([]);
  });
});
