import fs from 'node:fs';
import { ffmpegText } from '../shared/cli/ffmpeg-text.js';

/**
 * How ffmpeg (with ffprobe) gets onto a machine that has none: on Debian and
 * Ubuntu through apt-get, as scripts/test-all.sh does (directly as root, else
 * with sudo); elsewhere the one command the user runs.
 */
export type FfmpegInstall =
  /** `steps` are run in order (apt-get update, then install); `command` is what the user would type. */
  | { kind: 'apt'; steps: string[][]; command: string }
  | { kind: 'manual'; command: string };

export interface HostFacts {
  platform: NodeJS.Platform;
  /** Contents of /etc/os-release ('' when absent). */
  osRelease: string;
  isRoot: boolean;
  /** Whether apt-get and sudo are on PATH. */
  hasAptGet: boolean;
  hasSudo: boolean;
}

function isDebianLike(osRelease: string): boolean {
  const ids = [...osRelease.matchAll(/^(?:ID|ID_LIKE)=("?)([^"\n]*)\1$/gm)].flatMap((m) => m[2]!.split(/\s+/));
  return ids.some((id) => id === 'debian' || id === 'ubuntu');
}

export function ffmpegInstall(host: HostFacts): FfmpegInstall {
  if (host.platform === 'darwin') return { kind: 'manual', command: 'brew install ffmpeg' };
  if (host.platform === 'win32') return { kind: 'manual', command: 'winget install --id Gyan.FFmpeg -e' };
  if (host.platform === 'linux' && isDebianLike(host.osRelease)) {
    const command = `${host.isRoot ? '' : 'sudo '}apt-get install -y ffmpeg`;
    if (host.hasAptGet && (host.isRoot || host.hasSudo)) {
      // As root, DEBIAN_FRONTEND comes from the environment the caller passes; sudo resets it, hence `env`.
      const prefix = host.isRoot ? [] : ['sudo', 'env', 'DEBIAN_FRONTEND=noninteractive'];
      const steps = [
        [...prefix, 'apt-get', 'update', '-q'],
        [...prefix, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', 'ffmpeg'],
      ];
      return { kind: 'apt', steps, command };
    }
    return { kind: 'manual', command };
  }
  if (host.platform === 'linux') {
    if (/^(?:ID|ID_LIKE)="?[^"\n]*\b(?:fedora|rhel)\b/m.test(host.osRelease)) return { kind: 'manual', command: 'sudo dnf install ffmpeg' };
    if (/^(?:ID|ID_LIKE)="?[^"\n]*\barch\b/m.test(host.osRelease)) return { kind: 'manual', command: 'sudo pacman -S ffmpeg' };
  }
  // Not a command but a sentence: the demo says it in the user's language (src/main/cli/commands/ffmpeg-preflight.ts).
  return { kind: 'manual', command: ffmpegText.texts.en['cli.ffmpeg.anyManager'] };
}

/** The facts of this machine; `onPath` says whether a program is on PATH. */
export function thisHost(onPath: (exe: string) => boolean): HostFacts {
  let osRelease = '';
  try {
    osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  } catch {
    // not Linux, or a minimal container
  }
  return {
    platform: process.platform,
    osRelease,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: onPath('apt-get'),
    hasSudo: onPath('sudo'),
  };
}
