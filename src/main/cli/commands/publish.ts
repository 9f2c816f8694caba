import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { say } from '../../../shared/messages.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { publishShowText, type PublishShowKey } from '../../../shared/publish/cli-show-text.js';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../shared/errors.js';
import { PUBLISH_PLATFORMS, type PublishPlatform } from '../../../shared/publish/platforms.js';
import { OUTBOX_STATES, type OutboxPostView, type OutboxState, type PublishAccountView } from '../../../shared/publish/post.js';
import { parseTime } from '../../../shared/publish/time.js';
import { publishCliText, type PublishCliKey } from '../../../shared/publish/cli-text.js';
import { exportPostsCsv } from '../../publish/csv-export.js';
import { findAccount } from '../../publish/csv-import.js';
import type { Studio } from '../../studio.js';
import { intFlag, parseArgs, stringFlag, type ParsedArgs, notOneOf, usageSaid, usageLines } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';
import { localisedError, SaidFailure } from '../error-lines.js';
import { ProgressBar } from '../progress.js';
import { writeTextFile } from '../json-file.js';
import { accountLine, failureHint, failureSaid, importLines, postDetail, postLine } from '../publish-lines.js';

export const PUBLISH_USAGE: UsageEntry[] = [
  { syntax: 'kingjam publish accounts [--refresh] [--json]', about: 'help.publish.accounts' },
  { syntax: 'kingjam publish list [--state S[,S…]] [--account A] [--platform P] [--from DATE] [--to DATE] [--limit N] [--json]', about: 'help.publish.list' },
  { syntax: 'kingjam publish show POST_ID [--json]', about: 'help.publish.show' },
  { syntax: 'kingjam publish retry POST_ID | cancel POST_ID', about: 'help.publish.retryCancel' },
  { syntax: 'kingjam publish now POST_ID [--json]', about: 'help.publish.now' },
  { syntax: 'kingjam publish import FILE.csv [--dry-run] [--json]', about: 'help.publish.import' },
  { syntax: 'kingjam publish export [FILE.csv] [--from DATE] [--to DATE] [--state S] [--account A] [--platform P]', about: 'help.publish.export' },
];

/** Subcommands that need the job queue worked in this process (asking platforms, publishing). */
export function publishWorksQueue(argv: string[]): boolean {
  return argv[0] === 'now' || argv[0] === 'accounts';
}

/** The most a CSV file may be (the contract's limit on `publish.importCsv`). */
const MAX_CSV_BYTES = 10_000_000;

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `--from 2027-01-01` (midnight on this computer's clock), or any time `parseTime` reads. */
function dateFlag(args: ParsedArgs, name: string): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  const t = parseTime(/^\d{4}-\d{1,2}-\d{1,2}$/.test(value.trim()) ? `${value.trim()} 00:00` : value, localZone());
  if (!t.ok) throw usageSaid(say('cli.badTime', { flag: name, value }));
  return t.utc;
}

interface Filter {
  from?: number;
  to?: number;
  states?: OutboxState[];
  accountIds?: string[];
  platforms?: PublishPlatform[];
  limit: number;
}

function listFilter(args: ParsedArgs, accounts: PublishAccountView[]): Filter {
  const filter: Filter = { limit: intFlag(args, 'limit', 1, 5000) ?? 5000 };
  const from = dateFlag(args, 'from');
  const to = dateFlag(args, 'to');
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  const states = stringFlag(args, 'state');
  if (states !== undefined) {
    const list = states.split(',').map((s) => s.trim());
    const bad = list.find((s) => !(OUTBOX_STATES as readonly string[]).includes(s));
    if (bad !== undefined) throw notOneOf('state', OUTBOX_STATES);
    filter.states = list as OutboxState[];
  }
  const platform = stringFlag(args, 'platform');
  if (platform !== undefined) {
    if (!(PUBLISH_PLATFORMS as readonly string[]).includes(platform)) throw notOneOf('platform', PUBLISH_PLATFORMS);
    filter.platforms = [platform as PublishPlatform];
  }
  const account = stringFlag(args, 'account');
  if (account !== undefined) {
    const found = findAccount(account, accounts);
    if (!('account' in found)) throw usageSaid(say('cli.accountNotFound', { account }));
    filter.accountIds = [found.account.id];
  }
  return filter;
}

function postId(args: ParsedArgs, sub: string): string {
  const id = args.positionals[0];
  if (!id) throw usageSaid(say('cli.needsId', { command: `kingjam publish ${sub}`, list: 'kingjam publish list' }));
  return id;
}

/** `kingjam publish …`: the outbox from the command line (docs/publish-csv.md for import and export). */
export async function publishCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ['json', 'dry-run', 'refresh']);
  const json = args.flags.has('json');
  const service = studio.publishing.service;
  const accounts = (): PublishAccountView[] => studio.publishing.bulk.accounts();
  const byId = (): Map<string, PublishAccountView> => new Map(accounts().map((a) => [a.id, a]));
  const language = cliLanguage(studio);
  const print = (post: OutboxPostView): void => io.out(json ? JSON.stringify(post) : postLine(post, byId().get(post.accountId), language));
  const line = (key: PublishCliKey, params: Record<string, string | number> = {}): string => publishCliText.say(language, key, params);

  switch (sub) {
    case 'accounts': {
      const list = await service.accounts.list(args.flags.has('refresh'));
      if (json) io.out(JSON.stringify(list));
      else if (list.length === 0) io.out(line('publish.cli.noAccounts'));
      else for (const a of list) io.out(accountLine(a, language));
      return 0;
    }
    case 'list': {
      const posts = service.list(listFilter(args, accounts()));
      const names = byId();
      if (json) io.out(JSON.stringify(posts));
      else if (posts.length === 0) io.out(line('publish.cli.noPosts'));
      else for (const p of posts) io.out(postLine(p, names.get(p.accountId), language));
      return 0;
    }
    case 'show': {
      const post = service.get(postId(args, sub));
      if (json) io.out(JSON.stringify(post));
      else for (const line of postDetail(post, byId().get(post.accountId), language)) io.out(line);
      return 0;
    }
    case 'retry': {
      print(service.retry(postId(args, sub)));
      if (!json) io.err(line('publish.cli.retryQueued'));
      return 0;
    }
    case 'cancel':
      print(await service.cancel(postId(args, sub)));
      return 0;
    case 'now':
      return publishNow(studio, postId(args, sub), json, io);
    case 'import':
      return importFile(studio, args, json, io);
    case 'export': {
      const posts = service.list(listFilter(args, accounts()));
      const csv = exportPostsCsv(posts, accounts());
      const file = args.positionals[0];
      if (file === undefined || file === '-') {
        process.stdout.write(csv);
        return 0;
      }
      writeTextFile(file, csv);
      io.err(line('publish.cli.wrote', { count: posts.length, file: path.resolve(file) }));
      return 0;
    }
    default:
      throw usageLines(PUBLISH_USAGE);
  }
}

async function importFile(studio: Studio, args: ParsedArgs, json: boolean, io: CliIo): Promise<number> {
  const file = args.positionals[0];
  if (!file) throw usageSaid(say('cli.needsFile', { command: 'kingjam publish import' }));
  const full = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw new StudioError({ code: 'FILE_NOT_FOUND', message: `There is no file ${full}.`, ...say('cli.fileMissing', { file: full }) });
  }
  if (stat.size > MAX_CSV_BYTES) {
    throw new StudioError({
      code: 'FILE_TOO_LARGE',
      message: `${full} is ${stat.size} bytes; one import takes at most ${MAX_CSV_BYTES}.`,
      hint: 'Split the file and import the parts one after the other.',
      ...say('cli.csvTooLarge', { file: full, size: stat.size, limit: MAX_CSV_BYTES }),
    });
  }
  const dryRun = args.flags.has('dry-run');
  const result = await studio.publishing.bulk.importCsv(fs.readFileSync(full, 'utf8'), dryRun);
  const language = cliLanguage(studio);
  const line = (key: PublishCliKey, params: Record<string, string | number>): string => publishCliText.say(language, key, params);
  const { problems, notes } = importLines(result, language);
  if (json) io.out(JSON.stringify(result));
  else for (const text of [...problems, ...notes]) io.out(text);
  const lines = result.rows.filter((r) => r.accountId !== null || r.problems.length > 0).length;
  const bad = result.rows.filter((r) => r.problems.length > 0).length;
  if (bad > 0) {
    io.err(line(dryRun ? 'publish.cli.importBadDry' : 'publish.cli.importBad', { count: bad }));
    return 1;
  }
  io.err(dryRun ? line('publish.cli.checked', { count: lines }) : line('publish.cli.scheduled', { count: result.created }));
  return 0;
}

const FINAL: readonly OutboxState[] = ['published', 'failed', 'canceled'];

/** Publishes one post now and waits for the platform's answer, retries included; 0 only when it is published. */
async function publishNow(studio: Studio, id: string, json: boolean, io: CliIo): Promise<number> {
  const service = studio.publishing.service;
  const language = cliLanguage(studio);
  const line = (key: PublishShowKey, params: Record<string, string | number> = {}): string => publishShowText.say(language, key, params);
  let post = service.publishNow(id);
  const bar = json ? null : new ProgressBar(line('publish.now.bar', { id: id.slice(0, 8) }));
  let reported = post.attempts.length;
  bar?.update(0, 1, line('publish.now.waitingTurn'));
  const describe = (p: OutboxPostView): void => {
    for (const a of p.attempts.slice(reported)) {
      if (a.outcome === 'running') break;
      reported = a.n;
      if (a.outcome !== 'published' && a.error) {
        const message = localisedError(a.error, language).message;
        bar?.log(line(FINAL.includes(p.state) ? 'publish.now.attemptFailed' : 'publish.now.attemptFailedAgain', { n: a.n, message }));
      }
    }
    if (p.state === 'publishing') bar?.update(0.5, 1, line(p.jobId ? 'publish.now.sending' : 'publish.now.waitingRetry'));
  };
  const offProgress = studio.events.on('job.progress', (p) => {
    if (p.id === post.jobId) bar?.update(p.progress, 1, line('publish.now.sending'));
  });
  try {
    // The scheduler and the dispatcher in this process publish it; `publish.updated` says each step (a poll covers another process doing it).
    post = await new Promise<OutboxPostView>((resolve) => {
      const check = (): void => {
        const now = service.get(id);
        describe(now);
        if (FINAL.includes(now.state)) {
          clearInterval(timer);
          off();
          resolve(now);
        }
      };
      const off = studio.events.on('publish.updated', (p) => {
        if (p.id === id) check();
      });
      const timer = setInterval(check, 1000);
      check();
    });
  } finally {
    offProgress();
  }
  if (post.state === 'published') bar?.update(1, 1, line('publish.now.done'));
  bar?.finish();
  if (json) io.out(JSON.stringify(post));
  else if (post.state === 'published') io.out(publishCliText.say(language, 'publish.cli.published', { where: post.url ?? post.platformPostId ?? post.id }));
  if (post.state === 'published') return 0;
  const error: ErrorInfo = post.failure?.error ?? { code: 'CANCELED', message: 'The post was canceled before it was published.', ...say('publish.outbox.canceledBeforePublished') };
  const said = failureSaid(error, post.failure?.class ?? null, post.id, language);
  // English keeps the error's own message and (or else the class's) hint; the other languages print what failureSaid said.
  const hint = failureHint(error, post.failure?.class ?? null, post.id, 'en');
  throw new SaidFailure({ ...error, ...(hint ? { hint } : {}) }, said);
}
