import { spawnSync } from 'node:child_process';
import { findOnPath, resolveFfTool } from '../../../node/ffmpeg.js';
import type { FfTool } from '../../../node/ffmpeg.js';
import { ffmpegInstall, thisHost } from '../../../node/ffmpeg-install.js';
import type { HostFacts } from '../../../node/ffmpeg-install.js';
import type { CliIo } from '../context.js';
import { ffmpegText, type FfmpegTextKey } from '../../../shared/cli/ffmpeg-text.js';
import type { Language } from '../../../shared/settings.js';

export interface PreflightDeps {
  env: NodeJS.ProcessEnv;
  host: HostFacts;
  /** Runs one command with the terminal attached; its exit status. */
  run: (argv: string[]) => number | null;
}

function defaultDeps(): PreflightDeps {
  return {
    env: process.env,
    host: thisHost((exe) => findOnPath(exe) !== null),
    run: (argv) => spawnSync(argv[0]!, argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status,
  };
}

function missingTools(env: NodeJS.ProcessEnv): FfTool[] {
  return (['ffmpeg', 'ffprobe'] as const).filter((tool) => {
    try {
      resolveFfTool(tool, env);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Before the demo's first step: ffmpeg and ffprobe are found (FFMPEG_PATH,
 * ffmpeg-static, PATH), or installed where that is what the test command
 * does too (Debian/Ubuntu: apt-get, as root or with sudo, said out loud), or
 * the demo stops here with the one command that fixes it, said in
 * `language`. False = stop.
 */
export function ensureFfmpeg(io: CliIo, language: Language, deps: PreflightDeps = defaultDeps()): boolean {
  const say = (key: FfmpegTextKey, params: Record<string, string> = {}): string => ffmpegText.say(language, key, params);
  const tools = (list: FfTool[]): string => (list.length === 2 ? say('cli.ffmpeg.and', { first: list[0]!, second: list[1]! }) : list.join(''));
  const missing = missingTools(deps.env);
  if (missing.length === 0) return true;
  const install = ffmpegInstall(deps.host);
  const command = install.command === ffmpegText.texts.en['cli.ffmpeg.anyManager'] ? say('cli.ffmpeg.anyManager') : install.command;
  if (install.kind === 'manual') {
    io.err(say('cli.ffmpeg.missing', { tools: tools(missing) }));
    io.err(say('cli.ffmpeg.installYourself', { command }));
    return false;
  }
  io.err(say('cli.ffmpeg.installing', { tools: tools(missing), command }));
  for (const step of install.steps) {
    if (deps.run(step) !== 0) {
      io.err(say('cli.ffmpeg.stepFailed', { step: step.join(' '), command }));
      return false;
    }
  }
  const still = missingTools(deps.env);
  if (still.length > 0) {
    io.err(say('cli.ffmpeg.stillMissing', { tools: tools(still), command }));
    return false;
  }
  io.err(say('cli.ffmpeg.installed', { path: resolveFfTool('ffmpeg', deps.env).path }));
  return true;
}
