import { StudioError } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';
import type { Language } from '../../shared/settings.js';
import { languageWithoutStudio, printError } from './error-lines.js';
import { resolveDataDir } from '../paths.js';
import { consoleIo, openCliStudio, type CliIo, cliLanguage } from './context.js';
import { accountCommand } from './commands/account.js';
import { boxesCommand } from './commands/boxes.js';
import { exitCode } from './exit-code.js';
import { helpText } from './help.js';
import { composeCommand, motionCommand } from './commands/compose.js';
import { demoCommand } from './commands/demo.js';
import { generateCommand } from './commands/generate.js';
import { doctorCommand } from './commands/doctor.js';
import { importCommand } from './commands/import.js';
import { jobsCommand } from './commands/jobs.js';
import { publishCommand, publishWorksQueue } from './commands/publish.js';
import { kolCommand, kolWorksQueue } from './commands/kol.js';
import { serveCommand } from './commands/serve.js';
import { drainProbes } from './probe-drain.js';
import { photoCommand } from './commands/photo.js';
import type { Studio } from '../studio.js';
import { characterCommand } from './commands/character.js';
import { styleCommand } from './commands/style.js';
import { mesh3dCommand } from './commands/mesh3d.js';
import { inkCommand } from './commands/ink.js';
import { batchCommand } from './commands/batch.js';
import { workerCommand } from './commands/worker.js';
import { takeFarmFlags } from '../farm/cli-options.js';


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
      io.out(helpText(languageWithoutStudio(resolveDataDir())));
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
