import type { UsageEntry } from '../../../../shared/cli/help/index.js';
import { refuse } from '../../refusals.js';
import type { ReviewResult } from '../../../../shared/api/kol-contract.js';
import { intFlag, stringFlag, usageLines } from '../../args.js';
import { listFlag, type KolCli, type KolSubcommand } from './kit.js';
import { postLine } from './posts.js';
import { resolvePersona } from '../../persona-arg.js';

const USAGE: UsageEntry[] = [
  { syntax: 'kingjam kol review approve ID… [--notes TEXT] [--json]', about: 'help.kol.review.approve' },
  { syntax: 'kingjam kol review reject ID --notes TEXT [--json]', about: 'help.kol.review.reject' },
  { syntax: 'kingjam kol review changes ID --notes TEXT [--json]', about: 'help.kol.review.changes' },
  { syntax: 'kingjam kol review approve-low-risk [--persona ID|NICKNAME] [--client C] [--limit N] [--json]', about: 'help.kol.review.approveLowRisk' },
  { syntax: 'kingjam kol review whoami [--json]', about: 'help.kol.review.whoami' },
];

function notes(cli: KolCli, command: string): string {
  const text = stringFlag(cli.args, 'notes');
  if (!text?.trim()) throw refuse.needsFlags(`kingjam kol review ${command}`, '--notes');
  return text;
}

function postId(cli: KolCli, command: string): string {
  const id = cli.args.positionals[0];
  if (!id) throw refuse.needsId(`kingjam kol review ${command}`, 'kingjam kol posts list --status pending_review');
  return id;
}

async function run(cli: KolCli, action: string | undefined): Promise<number> {
  const { args } = cli;
  const reviewer = await cli.call('kol.review.reviewer', {});
  const done = (r: ReviewResult, line: string): number => {
    cli.print(r, () => [...r.posts.map((p) => postLine(p, cli.language)), line]);
    return 0;
  };
  switch (action) {
    case 'approve': {
      if (args.positionals.length === 0) throw refuse.needsIds('kingjam kol review approve');
      const text = stringFlag(args, 'notes');
      const r = await cli.call('kol.review.approve', { ids: args.positionals, ...(text !== undefined ? { notes: text } : {}) });
      return done(r, cli.say('approved', { count: r.posts.length, name: reviewer.name }));
    }
    case 'reject':
      return done(await cli.call('kol.review.reject', { id: postId(cli, 'reject'), notes: notes(cli, 'reject') }), cli.say('rejected', { name: reviewer.name }));
    case 'changes':
      return done(await cli.call('kol.review.requestChanges', { id: postId(cli, 'changes'), notes: notes(cli, 'changes') }), cli.say('changesRequested', { name: reviewer.name }));
    case 'approve-low-risk': {
      const filter: Record<string, unknown> = {};
      const persona = stringFlag(args, 'persona');
      const client = stringFlag(args, 'client');
      if (persona !== undefined) filter.personaId = resolvePersona(cli.studio.store, persona, '--persona');
      if (client !== undefined) filter.clientId = client;
      const statuses = listFlag(args, 'status');
      if (statuses) throw refuse.flagNotHere('kingjam kol review approve-low-risk', '--status');
      const r = await cli.call('kol.review.approveLowRisk', { filter, limit: intFlag(args, 'limit', 1, 500) ?? 100 });
      return done(r, r.posts.length ? cli.say('approved', { count: r.posts.length, name: reviewer.name }) : cli.say('noneLowRisk'));
    }
    case 'whoami':
      cli.print(reviewer, () => [cli.say(reviewer.source === 'cloud' ? 'reviewerCloud' : 'reviewerOs', { name: reviewer.name })]);
      return 0;
    default:
      throw usageLines(USAGE);
  }
}

export const reviewSubcommand: KolSubcommand = { usage: USAGE, run };
