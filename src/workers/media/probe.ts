import { StudioError } from '../../shared/errors.js';
import { resolveFfTool } from '../../node/ffmpeg.js';
import { runTool } from '../../node/run-tool.js';
import { say } from '../../shared/messages.js';

export interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
}

export interface FfprobeOutput {
  streams: FfprobeStream[];
  format: { format_name?: string; duration?: string };
}

/** ffprobe's view of a file; INVALID_MEDIA when ffprobe cannot read it. */
export async function ffprobe(file: string, name: string, signal?: AbortSignal): Promise<FfprobeOutput> {
  const tool = resolveFfTool('ffprobe');
  try {
    const { stdout } = await runTool(
      tool.path,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
      { signal, describe: 'ffprobe' },
    );
    return JSON.parse(stdout.toString('utf8')) as FfprobeOutput;
  } catch (err) {
    if (err instanceof StudioError && err.code === 'FFMPEG_FAILED') {
      throw new StudioError({
        code: 'INVALID_MEDIA',
        message: `"${name}" could not be read as media: ${err.message.replace(/^ffprobe failed \(exit \d+\): /, '')}`,
        hint: 'The file is damaged or is not the kind of file its name says. Re-export it and import again.',
        ...say('import.unreadableMedia', { name }),
      });
    }
    throw err;
  }
}

export function durationOf(probe: FfprobeOutput): number | null {
  const d = Number(probe.format.duration ?? probe.streams.find((s) => s.duration)?.duration);
  return Number.isFinite(d) && d > 0 ? d : null;
}
