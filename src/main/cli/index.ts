import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { Language } from '../../shared/settings.js';
import { languageWithoutStudio, printError } from './error-lines.js';
import { resolveDataDir } from '../paths.js';
import { consoleIo, openCliStudio, type CliIo, cliLanguage } from './context.js';
import { accountCommand } from './commands/account.js';
import { BOXES_USAGE, boxesCommand } from './commands/boxes.js';
import { exitCode } from './exit-code.js';
import { composeCommand, motionCommand } from './commands/compose.js';
import { demoCommand } from './commands/demo.js';
import { generateCommand } from './commands/generate.js';
import { doctorCommand } from './commands/doctor.js';
import { importCommand } from './commands/import.js';
import { jobsCommand } from './commands/jobs.js';
import { publishCommand, publishWorksQueue } from './commands/publish.js';
import { kolCommand, kolUsage, kolWorksQueue } from './commands/kol.js';
import { serveCommand } from './commands/serve.js';
import { drainProbes } from './probe-drain.js';
import { PHOTO_USAGE, photoCommand } from './commands/photo.js';
import type { Studio } from '../studio.js';
import { CHARACTER_USAGE, characterCommand } from './commands/character.js';
import { STYLE_USAGE, styleCommand } from './commands/style.js';
import { MESH3D_USAGE, mesh3dCommand } from './commands/mesh3d.js';
import { INK_USAGE, inkCommand } from './commands/ink.js';
import { BATCH_USAGE, batchCommand } from './commands/batch.js';
import { WORKER_USAGE, workerCommand } from './commands/worker.js';
import { takeFarmFlags } from '../farm/cli-options.js';

const HELP = `kingjam — KingJam Studio without a window

Usage:
  kingjam demo [--out DIR]           the offline campaign: sample media, a blog article, three social posts and a short video
  kingjam serve [--port N] [--host H] the studio in a browser (prints the URL with its token)
  kingjam import PATH… [--json]      import images, videos and audio (files or folders)
  kingjam compose TIMELINE.json [--out FILE] [--json]
                                     render a timeline (docs/timeline.md) to MP4 + poster + .srt
  kingjam motion IMAGE --effect fireworks|lanterns|snow [--seconds 5] [--out FILE] [--live-photo] [--json]
                                     a 5-second micro-motion clip (and a Live Photo pair)
  kingjam generate blog|social|video --topic T [--provider P] [--model M] [--tone T] [--language L] [--out DIR] [--yes] [--json]
                                     an SEO article, a social post (--platform) or a Director video (--backend, --seconds, --scenes);
                                     --provider sets who writes and who draws; --text-provider / --image-provider
                                     (and --model / --image-model) set them apart; the cost is shown first, and
                                     spending credits needs --yes;
                                     --provider cloud runs on KingJam Cloud (credits), gemini/replicate on your own key (no credits)
  kingjam account login --cloud URL --email E [--totp CODE]
                                     sign in to KingJam Cloud (the password on stdin or in KINGJAM_PASSWORD, never as an argument)
  kingjam account status [--json]    who is signed in, and the balance by bucket
  kingjam account logout             sign out (this machine's offline allowance goes back to the wallet)
  kingjam jobs list [--status S] [--limit N] [--json]
  kingjam jobs retry ID | cancel ID
  kingjam jobs run [--until-idle]    work the job queue in the foreground
  kingjam publish accounts [--refresh] [--json]
                                     the accounts posts go to: the ids and names a CSV names
  kingjam publish list [--state S] [--account A] [--platform P] [--from DATE] [--to DATE] [--json]
  kingjam publish show POST_ID [--json]
                                     a post: what is sent, when, and every attempt with its error and what to do
  kingjam publish retry POST_ID | cancel POST_ID
  kingjam publish now POST_ID        publish now and wait (exit 0 only when it is published)
  kingjam publish import FILE.csv [--dry-run] [--json]
                                     schedule posts from a CSV (docs/publish-csv.md): every line's problems first,
                                     then all of them or none; exit 1 when any line has a problem
  kingjam publish export [FILE.csv] [--from DATE] [--to DATE] [--state S] [--account A]
                                     the calendar as CSV (to stdout without FILE); it imports again
  kingjam doctor [--json]            check this machine and print a fix for each problem
Headless batch (docs/batch.md; exit 0 when every item succeeded, 1 when one did not, 2 for problems in the file, 130 when stopped):
${BATCH_USAGE.map((line) => `  ${line}`).join('\n')}
Render farm (docs/farm.md): any command above that runs jobs takes --redis URL [--store PATH|s3://…] to send them to farm workers:
${WORKER_USAGE.map((line) => `  ${line}`).join('\n')}
Photo studio (photos are checked first; nothing is spent when one fails; --variants 1 is the free tier, 4 the paid 4-choose-1):
${PHOTO_USAGE.map((line) => `  ${line}`).join('\n')}
KOL workspace (personas, their posts and review; every command takes --json):
${kolUsage()
  .map((line) => `  ${line}`)
  .join('\n')}
Creator Hub (characters, styles, the 2D studio, the 3D builder):
${CHARACTER_USAGE.map((line) => `  ${line}`).join('\n')}
${STYLE_USAGE.map((line) => `  ${line}`).join('\n')}
${MESH3D_USAGE.map((line) => `  ${line}`).join('\n')}
${INK_USAGE.map((line) => `  ${line}`).join('\n')}
Blind boxes (docs/blind-boxes.md; signed in with kingjam account login):
${BOXES_USAGE.map((line) => `  ${line}`).join('\n')}

Data folder: $KINGJAM_HOME, else the per-OS app-data folder.
Language of lines and errors: $KINGJAM_LANGUAGE (en, zh-TW, zh-CN), else the studio's setting. Exit 2: a usage error; 1: any other failure.`;

type EngineCommand = (studio: Studio, argv: string[], io: CliIo) => Promise<number>;

/** Whether the command works the job queue in this process; a function decides by subcommand. */
const engineCommands: Record<string, { run: EngineCommand; startJobs: boolean | ((argv: string[]) => boolean) }> = {
  demo: { run: demoCommand, startJobs: true },
  serve: { run: serveCommand, startJobs: true },
  import: { run: importCommand, startJobs: true },
  // `jobs run` works the queue; the other `jobs` subcommands only read and write rows.
  jobs: { run: jobsCommand, startJobs: (argv) => argv[0] === 'run' },
  compose: { run: composeCommand, startJobs: true },
  motion: { run: motionCommand, startJobs: true },
  generate: { run: generateCommand, startJobs: true },
  account: { run: accountCommand, startJobs: false },
  boxes: { run: boxesCommand, startJobs: false },
  publish: { run: publishCommand, startJobs: publishWorksQueue },
  kol: { run: kolCommand, startJobs: kolWorksQueue },
  photo: { run: photoCommand, startJobs: true },
  'character': { run: characterCommand, startJobs: true },
  'style': { run: styleCommand, startJobs: true },
  '3d': { run: mesh3dCommand, startJobs: true },
  'ink': { run: inkCommand, startJobs: true },
  batch: { run: batchCommand, startJobs: true },
};

export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  // Errors print in the studio's language once it is open (before that, see languageWithoutStudio).
  let language: Language | null = null;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      io.out(HELP);
      return command ? 0 : 2;
    }
    if (command === 'doctor') return await doctorCommand(rest, io);
    if (command === 'worker') return await workerCommand(rest, io);
    const spec = engineCommands[command];
    if (!spec) throw new StudioError({ code: 'BAD_INPUT', message: `Unknown command "${command}".`, ...say('cli.unknownCommand', { command }) });
    // `--redis URL [--store SPEC]`: the command's jobs go to the render farm instead of this machine's workers.
    const farm = takeFarmFlags(rest);
    const args = farm.rest;
    const startJobs = typeof spec.startJobs === 'function' ? spec.startJobs(args) : spec.startJobs;
    const studio = await openCliStudio(startJobs, farm.redis ? { redisUrl: farm.redis, store: farm.store } : undefined, io);
    language = cliLanguage(studio);
    try {
      const code = await spec.run(studio, args, io);
      // A one-shot command's outputs get their thumbnails before it exits; a stopped server leaves them to the next start.
      if (startJobs && command !== 'serve' && code !== 130) await drainProbes(studio.jobs);
      return code;
    } finally {
      await studio.close();
    }
  } catch (err) {
    printError(io, err, language ?? languageWithoutStudio(resolveDataDir()));
    return exitCode(err);
  }
}
