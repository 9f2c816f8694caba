import { spawnSync } from 'node:child_process';
import { findOnPath, resolveFfTool } from '../../../node/ffmpeg.js';
import type { FfTool } from '../../../node/ffmpeg.js';
import { ffmpegInstall, thisHost } from '../../../node/ffmpeg-install.js';
import type { HostFacts } from '../../../node/ffmpeg-install.js';
import type { CliIo } from '../context.js';

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
 * the demo stops here with the one command that fixes it. False = stop.
 */
export function ensureFfmpeg(io: CliIo, deps: PreflightDeps = defaultDeps()): boolean {
  const missing = missingTools(deps.env);
  if (missing.length === 0) return true;
  const install = ffmpegInstall(deps.host);
  const what = missing.join(' and ');
  if (install.kind === 'manual') {
    io.err(`${what} not found (FFMPEG_PATH / FFPROBE_PATH, the ffmpeg-static package, PATH): the demo needs it for its video.`);
    io.err(`Install it, then run the demo again: ${install.command}`);
    return false;
  }
  io.err(`${what} not found: installing the Debian package ffmpeg with apt-get, as \`npm run test:all\` does (${install.command}).`);
  for (const step of install.steps) {
    if (deps.run(step) !== 0) {
      io.err(`\`${step.join(' ')}\` failed. Install ffmpeg yourself, then run the demo again: ${install.command}`);
      return false;
    }
  }
  const still = missingTools(deps.env);
  if (still.length > 0) {
    io.err(`${still.join(' and ')} still not found after apt-get. Install it yourself: ${install.command}`);
    return false;
  }
  io.err(`ffmpeg installed: ${resolveFfTool('ffmpeg', deps.env).path}`);
  return true;
}
