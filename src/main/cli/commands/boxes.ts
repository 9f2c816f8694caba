import type { UsageEntry } from '../../../shared/cli/help/index.js';
import { z } from 'zod';
import { boxesCliText, type BoxesCliKey } from '../../../shared/boxes/cli-text.js';
import { LANGUAGES } from '../../../shared/settings.js';
import { boxesService } from '../../api/boxes-handlers.js';
import type { Studio } from '../../studio.js';
import { notOneOf, parseArgs, stringFlag, usage } from '../args.js';
import { cliLanguage, type CliIo } from '../context.js';

export const BOXES_USAGE: UsageEntry[] = [
  { syntax: 'kingjam boxes list [--json]', about: 'help.boxes.list' },
  { syntax: 'kingjam boxes verify OPENING_ID [--json]', about: 'help.boxes.verify' },
];

/** Exit code of `verify` when the seed is still sealed: not a failure of the draw, but nothing was checked. */
export const NOT_REVEALED_EXIT = 3;

const OpeningId = z.uuid();

/**
 * `kingjam boxes list | verify OPENING_ID` (issue 18), signed in with `kingjam account login`: the
 * same calls as the Collection and Verify pages. `verify` takes nothing on the cloud's word — the
 * seed's commitment, the draw and the guarantee are recomputed here with Node's crypto.
 */
export async function boxesCommand(studio: Studio, argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ['json']);
  const json = args.flags.has('json');
  const lang = z.enum(LANGUAGES).safeParse(stringFlag(args, 'language') ?? cliLanguage(studio));
  if (!lang.success) throw notOneOf('--language', LANGUAGES);
  const say = (key: BoxesCliKey, params: Record<string, string | number> = {}) => boxesCliText(lang.data, key, params);
  const boxes = boxesService(studio);
  switch (sub) {
    case 'list': {
      if (args.positionals.length > 0) throw usage(say('usage'));
      const openings = await boxes.openings();
      if (json) {
        io.out(JSON.stringify(openings));
        return 0;
      }
      if (openings.length === 0) io.out(say('none'));
      for (const o of openings) {
        const state = o.outcome === 'sold_out' ? say('soldOut') : o.server_seed ? say('verifiable', { id: o.id }) : say('sealed');
        io.out(say('line', { id: o.id, time: new Date(o.created_at).toISOString(), item: o.item_name, tier: o.tier, credits: o.credits, state }));
      }
      return 0;
    }
    case 'verify': {
      const parsed = OpeningId.safeParse(args.positionals[0]);
      if (!parsed.success || args.positionals.length !== 1) throw usage(`${say('usage')}\n${say('badId')}`);
      const r = await boxes.verify(parsed.data);
      if (json) io.out(JSON.stringify(r));
      else if (r.status === 'not_revealed') io.out(say('notRevealed', { id: r.openingId, commitment: r.commitment }));
      else {
        io.out(
          r.status === 'verified'
            ? say('verified', { id: r.openingId, item: r.recordedItemId })
            : say('mismatch', { id: r.openingId, commitment: say(r.commitmentMatches ? 'commitmentOk' : 'commitmentBad'), recorded: r.recordedItemId, recomputed: r.recomputedItemId ?? '—' }),
        );
        io.out(say('inputs', { seed: r.serverSeed ?? '—', client: r.clientSeed, nonce: r.nonce, message: r.message ?? '—', word: r.word ?? '—' }));
      }
      return r.status === 'verified' ? 0 : r.status === 'not_revealed' ? NOT_REVEALED_EXIT : 1;
    }
    default:
      throw usage(say('usage'));
  }
}
