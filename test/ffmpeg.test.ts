import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFfTool } from '../src/node/ffmpeg.js';
import { toErrorInfo } from '../src/shared/errors.js';
import { tempHome } from './helpers/studio.js';

function fakeTool(dir: string, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\necho fake\n');
  fs.chmodSync(file, 0o755);
  return file;
}

describe('ffmpeg resolution', () => {
  it('prefers FFMPEG_PATH / FFPROBE_PATH', () => {
    const dir = tempHome();
    const ffmpeg = fakeTool(dir, 'my-ffmpeg');
    const ffprobe = fakeTool(dir, 'my-ffprobe');
    expect(resolveFfTool('ffmpeg', { FFMPEG_PATH: ffmpeg, PATH: '/usr/bin' })).toEqual({ path: ffmpeg, source: 'env' });
    expect(resolveFfTool('ffprobe', { FFPROBE_PATH: ffprobe, PATH: '/usr/bin' })).toEqual({ path: ffprobe, source: 'env' });
  });

  it('refuses an FFMPEG_PATH that is not an executable', () => {
    expect(() => resolveFfTool('ffmpeg', { FFMPEG_PATH: '/nonexistent/ffmpeg', PATH: '' })).toThrow(/FFMPEG_PATH points at "\/nonexistent\/ffmpeg"/);
    // The UI says it in the user's language from the key, with the variable and the path.
    expect(thrown(() => resolveFfTool('ffmpeg', { FFMPEG_PATH: '/nonexistent/ffmpeg', PATH: '' }))).toMatchObject({
      code: 'FFMPEG_MISSING',
      key: 'ffmpeg.envNotExecutable',
      params: { variable: 'FFMPEG_PATH', path: '/nonexistent/ffmpeg' },
    });
  });

  it('falls back to PATH', () => {
    const dir = tempHome();
    const ffprobe = fakeTool(dir, 'ffprobe');
    expect(resolveFfTool('ffprobe', { PATH: dir })).toEqual({ path: ffprobe, source: 'PATH' });
  });

  it('names all three places when nothing is found', () => {
    expect(() => resolveFfTool('ffprobe', { PATH: tempHome() })).toThrow(
      /FFPROBE_PATH is not set, the optional ffmpeg-static package has no ffprobe binary, and there is no ffprobe on PATH/,
    );
    expect(thrown(() => resolveFfTool('ffprobe', { PATH: tempHome() }))).toMatchObject({ key: 'ffmpeg.notFound', params: { tool: 'ffprobe', variable: 'FFPROBE_PATH' } });
  });
});

function thrown(fn: () => unknown): ReturnType<typeof toErrorInfo> {
  try {
    fn();
  } catch (err) {
    return toErrorInfo(err);
  }
  throw new Error('expected a throw');
}
