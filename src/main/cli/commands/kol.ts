import type { UsageEntry } from '../../../shared/cli/help/index.js';
import type { Studio } from '../../studio.js';
import { usageLines } from '../args.js';
import type { CliIo } from '../context.js';
import { kolCli, type KolSubcommand } from './kol/kit.js';
import { personasSubcommand } from './kol/personas.js';
import { postsSubcommand } from './kol/posts.js';
import { reviewSubcommand } from './kol/review.js';
import { kolTriggersSubcommand } from './kol-triggers.js';
import { kolBatchSubcommand } from './kol-batch.js';
import { KOL_LEARN_USAGE, kolLearnCommand } from './kol-learn.js';

/**
 * `kingjam kol <sub> <action> …`: the KOL workspace from the command line.
 * Each subcommand is its own module under ./kol/ exporting a KolSubcommand
 * (./kol/kit.ts); to add one (`kol batch`, `kol triggers`, …) write the
 * module and add its line here — help, usage and the job-queue choice follow.
 */
export const KOL_SUBCOMMANDS: Record<string, KolSubcommand> = {
  personas: personasSubcommand,
  posts: postsSubcommand,
  review: reviewSubcommand,
  batch: kolBatchSubcommand,
  triggers: kolTriggersSubcommand,
};

/** `learn` and `metrics` read their own flags (commands/kol-learn.ts) and are handed the whole argv. */
const LEARN_SUBCOMMANDS = new Set(['learn', 'metrics']);

export function kolUsage(): UsageEntry[] {
  return [...Object.values(KOL_SUBCOMMANDS).flatMap((s) => s.usage), ...KOL_LEARN_USAGE];
}

/** Whether `kingjam kol …` works the job queue in this process (the subcommand says; default no). */
export function kolWorksQueue(argv: string[]): boolean {
  const sub = KOL_SUBCOMMANDS[argv[0] ?? ''];
  return sub?.worksQueue?.(argv.slice(1)) ?? false;
}

export async function kolCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [name, action, ...rest] = argv;
  if (LEARN_SUBCOMMANDS.has(name ?? '')) return kolLearnCommand(studio, argv, io);
  const sub = KOL_SUBCOMMANDS[name ?? ''];
  if (!sub) throw usageLines(kolUsage());
  return sub.run(kolCli(studio, rest, io, sub.booleans ?? []), action);
}
