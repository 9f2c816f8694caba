import { say } from '../../../shared/messages.js';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../shared/errors.js';
import type { ComposeJobResult, MotionJobResult } from '../../../shared/jobs/kinds.js';
import { EFFECTS, type Effect } from '../../../shared/motion.js';
import { ANY_PATH } from '../../client-files.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, notOneOf, usageSaid } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { cliLines } from '../../../shared/cli/lines.js';
import { reportFailure, waitWithProgress } from '../job-progress.js';
import { barText } from '../../../shared/cli/bar-text.js';

/** `kingjam compose TIMELINE.json [--out FILE] [--json]` */
export async function composeCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const file = args.positionals[0];
  if (!file) throw usageSaid(say('cli.needsFile', { command: 'kingjam compose' }));
  const json = args.flags.has('json');
  const { timeline, baseDir } = await studio.timelines.read(file, ANY_PATH);
  const outFlag = stringFlag(args, 'out');
  const out = outFlag
    ? path.resolve(outFlag)
    : timeline.output
      ? path.resolve(baseDir, timeline.output)
      : path.join(baseDir, `${path.parse(file).name}.mp4`);
  const job = await studio.jobs.enqueue('media.compose', { timeline, baseDir, out });
  const done = await waitWithProgress(studio, job, barText.say(cliLanguage(studio), 'cli.bar.rendering'), json);
  if (done.status !== 'succeeded') {
    if (json) io.out(JSON.stringify({ ok: false, job: done }));
    return reportFailure(done, io, cliLanguage(studio));
  }
  const r = done.result as ComposeJobResult;
  if (json) io.out(JSON.stringify({ ok: true, ...r, jobId: done.id }));
  else {
    io.out(`${r.output} (${r.width}×${r.height}, ${r.durationSec.toFixed(2)} s, ${r.encoder})`);
    io.out(cliLines.say(cliLanguage(studio), 'cli.out.poster', { file: r.poster }));
    if (r.srt) io.out(cliLines.say(cliLanguage(studio), 'cli.out.subtitles', { file: r.srt }));
  }
  return 0;
}

/** `kingjam motion IMAGE --effect fireworks|lanterns|snow [--seconds 5] [--out FILE] [--live-photo] [--json]` */
export async function motionCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['json', 'live-photo']);
  const image = args.positionals[0];
  if (!image) throw usageSaid(say('cli.needsFile', { command: 'kingjam motion' }));
  const effect = stringFlag(args, 'effect');
  if (!effect || !(EFFECTS as readonly string[]).includes(effect)) throw notOneOf('effect', EFFECTS);
  const json = args.flags.has('json');
  const src = path.resolve(image);
  if (!fs.existsSync(src)) throw new StudioError({ code: 'FILE_NOT_FOUND', message: `"${image}" does not exist.`, ...say('media.missing', { file: image }) });
  const out = path.resolve(stringFlag(args, 'out') ?? path.join(path.dirname(src), `${path.parse(src).name}-${effect}.mp4`));
  const job = await studio.jobs.enqueue('media.motion', {
    image: src,
    effect: effect as Effect,
    seconds: intFlag(args, 'seconds', 1, 15) ?? 5,
    out,
    livePhoto: args.flags.has('live-photo'),
  });
  const done = await waitWithProgress(studio, job, barText.say(cliLanguage(studio), 'cli.bar.animating'), json);
  if (done.status !== 'succeeded') {
    if (json) io.out(JSON.stringify({ ok: false, job: done }));
    return reportFailure(done, io, cliLanguage(studio));
  }
  const r = done.result as MotionJobResult;
  if (json) io.out(JSON.stringify({ ok: true, ...r, jobId: done.id }));
  else {
    io.out(`${r.output} (${r.width}×${r.height}, ${r.durationSec.toFixed(2)} s)`);
    if (r.livePhoto) io.out(cliLines.say(cliLanguage(studio), 'cli.out.livePhoto', { jpeg: r.livePhoto.jpeg, mov: r.livePhoto.mov, id: r.livePhoto.contentIdentifier }));
  }
  return 0;
}
