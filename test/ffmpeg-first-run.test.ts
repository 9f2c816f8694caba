import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureFfmpeg } from '../src/main/cli/commands/ffmpeg-preflight.js';
import { resolveFfTool, unpackedPath } from '../src/node/ffmpeg.js';
import { ffmpegInstall } from '../src/node/ffmpeg-install.js';
import type { HostFacts } from '../src/node/ffmpeg-install.js';
import { tempHome } from './helpers/studio.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];
const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const host = (over: Partial<HostFacts>): HostFacts => ({ platform: 'linux', osRelease: DEBIAN, isRoot: true, hasAptGet: true, hasSudo: false, ...over });

/** A folder for PATH holding only node (the CLI runs under it): no ffmpeg, no apt-get. */
function barePath(): string {
  const bin = tempHome('kingjam-bin-');
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  return bin;
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const e: NodeJS.ProcessEnv = { ...process.env, KINGJAM_HOME: tempHome(), ...env };
  if (!('FFMPEG_PATH' in env)) delete e.FFMPEG_PATH;
  if (!('FFPROBE_PATH' in env)) delete e.FFPROBE_PATH;
  return spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: e, encoding: 'utf8', timeout: 60_000 });
}

describe('ffmpeg on a fresh machine', () => {
  it('names the one command that installs ffmpeg on each system, apt-get where it can run it', () => {
    expect(ffmpegInstall(host({}))).toEqual({
      kind: 'apt',
      command: 'apt-get install -y ffmpeg',
      steps: [
        ['apt-get', 'update', '-q'],
        ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'ffmpeg'],
      ],
    });
    const sudo = ffmpegInstall(host({ osRelease: UBUNTU, isRoot: false, hasSudo: true }));
    expect(sudo.kind === 'apt' && sudo.steps[1]).toEqual(['sudo', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-q', '--no-install-recommends', 'ffmpeg']);
    expect(ffmpegInstall(host({ isRoot: false, hasSudo: false }))).toEqual({ kind: 'manual', command: 'sudo apt-get install -y ffmpeg' });
    expect(ffmpegInstall(host({ platform: 'darwin', osRelease: '' }))).toEqual({ kind: 'manual', command: 'brew install ffmpeg' });
    expect(ffmpegInstall(host({ platform: 'win32', osRelease: '' }))).toEqual({ kind: 'manual', command: 'winget install --id Gyan.FFmpeg -e' });
    expect(ffmpegInstall(host({ osRelease: 'ID=fedora\n' })).command).toBe('sudo dnf install ffmpeg');
  });

  it.runIf(process.platform !== 'win32')('installs ffmpeg through apt-get on Debian, says so, and then finds it', () => {
    const bin = barePath();
    const log = path.join(bin, 'apt.log');
    // apt-get as the machine would run it; "installing" puts the real ffmpeg and ffprobe on PATH.
    fs.writeFileSync(
      path.join(bin, 'apt-get'),
      `#!/bin/sh\necho "$@" >> ${log}\nif [ "$1" = install ]; then /bin/ln -s ${resolveFfTool('ffmpeg').path} ${bin}/ffmpeg; /bin/ln -s ${resolveFfTool('ffprobe').path} ${bin}/ffprobe; fi\n`,
    );
    fs.chmodSync(path.join(bin, 'apt-get'), 0o755);
    const env = { PATH: bin };
    const said: string[] = [];
    const ok = ensureFfmpeg(
      { out: (l) => said.push(l), err: (l) => said.push(l) },
      'en',
      { env, host: host({}), run: (argv) => spawnSync(argv[0]!, argv.slice(1), { env }).status },
    );
    expect(ok).toBe(true);
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual(['update -q', 'install -y -q --no-install-recommends ffmpeg']);
    expect(said[0]).toMatch(/^ffmpeg and ffprobe not found: installing the Debian package ffmpeg with apt-get/);
    expect(said.at(-1)).toBe(`ffmpeg installed: ${path.join(bin, 'ffmpeg')}`);
    expect(resolveFfTool('ffprobe', env)).toEqual({ path: path.join(bin, 'ffprobe'), source: 'PATH' });
  });

  it('stops `kingjam demo` before step 1 with the command that fixes it when it cannot install ffmpeg', () => {
    const r = cli(['demo'], { PATH: barePath(), KINGJAM_LANGUAGE: 'en' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ffmpeg and ffprobe not found');
    expect(r.stderr).toMatch(/Install it, then run the demo again: (sudo )?apt-get install -y ffmpeg|brew install ffmpeg/);
    expect(r.stderr).not.toContain('1/4');
  });

  it('kingjam doctor says which ffmpeg is used: its path and where it came from', () => {
    const ffmpeg = resolveFfTool('ffmpeg').path;
    const viaEnv = JSON.parse(cli(['doctor', '--json'], { FFMPEG_PATH: ffmpeg }).stdout) as { checks: { name: string; status: string; detail: string }[] };
    const check = viaEnv.checks.find((c) => c.name === 'ffmpeg')!;
    expect(check.status).toBe('ok');
    expect(check.detail).toMatch(/^ffmpeg version /);
    expect(check.detail).toContain(`(env: ${ffmpeg})`);

    const bin = barePath();
    fs.symlinkSync(ffmpeg, path.join(bin, 'ffmpeg'));
    fs.symlinkSync(resolveFfTool('ffprobe').path, path.join(bin, 'ffprobe'));
    const viaPath = JSON.parse(cli(['doctor', '--json'], { PATH: bin }).stdout) as { checks: { name: string; detail: string }[] };
    expect(viaPath.checks.find((c) => c.name === 'ffmpeg')!.detail).toContain(`(PATH: ${path.join(bin, 'ffmpeg')})`);
    expect(viaPath.checks.find((c) => c.name === 'ffprobe')!.detail).toContain(`(PATH: ${path.join(bin, 'ffprobe')})`);
  });

  it('looks for the packaged app’s ffmpeg-static binary beside app.asar, where electron-builder unpacks it', () => {
    expect(unpackedPath('/opt/KingJam Studio/resources/app.asar/node_modules/ffmpeg-static/ffmpeg')).toBe(
      '/opt/KingJam Studio/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    );
    expect(unpackedPath('C:\\Program Files\\KingJam Studio\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe')).toBe(
      'C:\\Program Files\\KingJam Studio\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe',
    );
    expect(unpackedPath('/home/me/kingjam/node_modules/ffmpeg-static/ffmpeg')).toBe('/home/me/kingjam/node_modules/ffmpeg-static/ffmpeg');
  });
});
