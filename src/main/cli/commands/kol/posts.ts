import type { UsageEntry } from '../../../../shared/cli/help/index.js';
import { refuse } from '../../refusals.js';
import type { KolPostFilter } from '../../../../shared/api/kol-contract.js';
import type { KolPostView } from '../../../../shared/kol/post-record.js';
import { formatZonedIso, parseTime } from '../../../../shared/publish/time.js';
import { intFlag, stringFlag, usageLines } from '../../args.js';
import { excerpt, idArg, listFlag, numberFlag, textFlag, type KolCli, type KolSubcommand } from './kit.js';
import { personaCliText } from '../../../../shared/kol/persona-cli-text.js';
import type { Language } from '../../../../shared/settings.js';
import { displayWidth, padColumns } from '../../progress.js';
import { resolvePersona } from '../../persona-arg.js';

const USAGE: UsageEntry[] = [
  {
    syntax: 'kingjam kol posts list [--status S[,S]] [--persona ID|NICKNAME] [--client C] [--risk low[,medium,high]] [--min-quality N] [--search TEXT] [--limit N] [--cursor C] [--json]',
    about: 'help.kol.posts.list',
  },
  { syntax: 'kingjam kol posts show ID [--json]', about: 'help.kol.posts.show' },
  { syntax: 'kingjam kol posts create --persona ID|NICKNAME --topic T --content TEXT|--content-file F [--title T] [--tags a,b] [--draft] [--json]', about: 'help.kol.posts.create' },
  { syntax: 'kingjam kol posts edit ID [--title T] [--content TEXT|--content-file F] [--tags a,b] [--json]', about: 'help.kol.posts.edit' },
  { syntax: 'kingjam kol posts submit ID [--json]', about: 'help.kol.posts.submit' },
  { syntax: 'kingjam kol posts schedule ID --account A [--at "2027-01-31 09:00"] [--json]', about: 'help.kol.posts.schedule' },
  { syntax: 'kingjam kol posts unschedule ID [--json]', about: 'help.kol.posts.unschedule' },
];

/** One post: its status as `--status` takes it, its persona, its scores in `language` (columns kept by terminal width), an excerpt. */
export function postLine(p: KolPostView, language: Language): string {
  const said = p.scores
    ? personaCliText.say(language, 'posts.scores', { risk: p.scores.risk.level.padEnd(6), quality: String(Math.round(p.scores.quality.score)).padStart(3) })
    : personaCliText.say(language, 'posts.notScored');
  const scores = padColumns(said, Math.max(15, displayWidth(said)));
  return `${p.id}  ${p.status.padEnd(14)} ${p.personaNickname.padEnd(12)} ${scores}  ${excerpt(p.title || p.content)}`;
}

function filterFlags(cli: KolCli): KolPostFilter {
  const { args } = cli;
  const filter: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) filter[key] = value;
  };
  set('statuses', listFlag(args, 'status'));
  const persona = stringFlag(args, 'persona');
  set('personaId', persona === undefined ? undefined : resolvePersona(cli.studio.store, persona, '--persona'));
  set('clientId', stringFlag(args, 'client'));
  set('risk', listFlag(args, 'risk'));
  set('minQuality', numberFlag(args, 'min-quality', 0, 100));
  set('search', stringFlag(args, 'search'));
  return filter as KolPostFilter;
}

async function run(cli: KolCli, action: string | undefined): Promise<number> {
  const { args } = cli;
  const print = (p: KolPostView): void => cli.print(p, () => [postLine(p, cli.language)]);
  switch (action) {
    case 'list': {
      const cursor = stringFlag(args, 'cursor');
      const page = await cli.call('kol.posts.list', { filter: filterFlags(cli), limit: intFlag(args, 'limit', 1, 200) ?? 50, ...(cursor ? { cursor } : {}) });
      cli.print(page, () => [...(page.items.length ? page.items.map((p) => postLine(p, cli.language)) : [cli.say('noPosts')]), ...(page.nextCursor ? [cli.say('morePages', { cursor: page.nextCursor })] : [])]);
      return 0;
    }
    case 'show': {
      const r = await cli.call('kol.posts.get', { id: idArg(cli, 'kingjam kol posts list', 'kingjam kol posts show') });
      cli.print(r, () => [
        postLine(r.post, cli.language),
        '',
        r.post.content,
        '',
        ...(r.post.reviewerNotes ? [personaCliText.say(cli.language, 'posts.notes', { notes: r.post.reviewerNotes })] : []),
        ...r.history.map((h) => `${new Date(h.at).toISOString()}  ${(h.from ?? '—').padEnd(14)} → ${h.to.padEnd(14)} ${h.actor}${h.note ? `  “${h.note}”` : ''}`),
      ]);
      return 0;
    }
    case 'create': {
      const content = textFlag(args, 'content');
      const persona = stringFlag(args, 'persona');
      const topic = stringFlag(args, 'topic');
      if (!persona || !topic || content === undefined) throw refuse.needsFlags('kingjam kol posts create', '--persona, --topic, --content (--content-file)');
      const personaId = resolvePersona(cli.studio.store, persona, '--persona');
      const tags = listFlag(args, 'tags');
      const title = stringFlag(args, 'title');
      print(await cli.call('kol.posts.create', { personaId, topic, content, submit: !args.flags.has('draft'), ...(title !== undefined ? { title } : {}), ...(tags ? { tags } : {}) }));
      return 0;
    }
    case 'edit': {
      const content = textFlag(args, 'content');
      const title = stringFlag(args, 'title');
      const tags = listFlag(args, 'tags');
      print(await cli.call('kol.posts.edit', { id: idArg(cli, 'kingjam kol posts list', 'kingjam kol posts edit'), ...(content !== undefined ? { content } : {}), ...(title !== undefined ? { title } : {}), ...(tags ? { tags } : {}) }));
      return 0;
    }
    case 'submit':
      print(await cli.call('kol.posts.submit', { id: idArg(cli, 'kingjam kol posts list', 'kingjam kol posts submit') }));
      return 0;
    case 'schedule': {
      const id = idArg(cli, 'kingjam kol posts list', 'kingjam kol posts schedule');
      const accountId = stringFlag(args, 'account');
      if (!accountId) throw refuse.needsFlags('kingjam kol posts schedule', '--account (kingjam publish accounts)');
      const { post } = await cli.call('kol.posts.get', { id });
      const zone = (await cli.call('kol.personas.get', { id: post.personaId })).limits.timeZone;
      const atText = stringFlag(args, 'at');
      let at: number | null = null;
      if (atText !== undefined) {
        const t = parseTime(atText, zone);
        if (!t.ok) throw refuse.badTimeIn('at', atText, zone);
        at = t.utc;
      }
      const scheduled = await cli.call('kol.posts.schedule', { id, accountId, at });
      cli.print(scheduled, () => [postLine(scheduled, cli.language), cli.say('scheduled', { time: formatZonedIso(scheduled.scheduledAt!, zone), zone })]);
      return 0;
    }
    case 'unschedule':
      print(await cli.call('kol.posts.unschedule', { id: idArg(cli, 'kingjam kol posts list', 'kingjam kol posts unschedule') }));
      return 0;
    default:
      throw usageLines(USAGE);
  }
}

export const postsSubcommand: KolSubcommand = { usage: USAGE, booleans: ['draft'], run };
