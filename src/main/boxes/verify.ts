import { createHash, createHmac } from 'node:crypto';
import { drawMessage, drawWeights, fairDraw, guaranteeApplies, type Tier } from '../../shared/boxes/fair.js';
import type { VerifyResult } from '../../shared/boxes/studio.js';
import type { OpeningView, SeriesView } from '../../shared/boxes/wire.js';

const SEED_HEX = /^[0-9a-f]{64}$/;

/**
 * Recomputes one opening here, with Node's crypto and the one published draw
 * (src/shared/boxes/fair.ts), from what the cloud published: the revealed
 * seed, its commitment, the client seed and nonce, the series' odds in item
 * order, and the buyer's earlier openings in the series (for the guarantee).
 * Nothing the cloud says about the result is taken on its word: the item,
 * whether the guarantee applied and the commitment are all checked.
 */
export function recomputeOpening(opening: OpeningView, series: SeriesView, earlier: readonly OpeningView[]): VerifyResult {
  const seed = series.seeds.find((s) => s.id === opening.seed_id);
  const commitment = seed?.commitment ?? opening.commitment;
  const serverSeed = seed?.server_seed ?? opening.server_seed;
  const items = [...series.items].sort((a, b) => a.position - b.position);
  const previousTiers: Tier[] = earlier
    // Only granted items count towards the guarantee streak (a sold-out draw gave the buyer nothing), as the cloud draws.
    .filter((o) => o.series_id === opening.series_id && o.nonce < opening.nonce && o.outcome === 'granted')
    .sort((a, b) => a.nonce - b.nonce)
    .map((o) => o.tier);
  const guaranteed = guaranteeApplies(series.guarantee, previousTiers);
  const weights = drawWeights(items, guaranteed ? series.guarantee : null);
  const base = {
    openingId: opening.id,
    commitment,
    clientSeed: opening.client_seed,
    nonce: opening.nonce,
    guaranteed,
    weights,
    recordedItemId: opening.item_id,
  };
  if (!serverSeed) {
    return { ...base, status: 'not_revealed', commitmentMatches: null, serverSeed: null, message: null, digestHex: null, word: null, recomputedItemId: null };
  }
  const key = SEED_HEX.test(serverSeed) ? Buffer.from(serverSeed, 'hex') : null;
  const commitmentMatches = key !== null && createHash('sha256').update(key).digest('hex') === commitment && commitment === opening.commitment;
  if (!key) return { ...base, status: 'mismatch', commitmentMatches: false, serverSeed, message: null, digestHex: null, word: null, recomputedItemId: null };
  const hmac = (message: string) => createHmac('sha256', key).update(message, 'utf8').digest();
  const draw = fairDraw(hmac, opening.client_seed, opening.nonce, weights);
  const message = drawMessage(opening.client_seed, opening.nonce, draw.round);
  const recomputedItemId = items[draw.index]!.id;
  const same = commitmentMatches && recomputedItemId === opening.item_id && guaranteed === opening.guaranteed;
  return {
    ...base,
    status: same ? 'verified' : 'mismatch',
    commitmentMatches,
    serverSeed,
    message,
    digestHex: hmac(message).toString('hex'),
    word: draw.word,
    recomputedItemId,
  };
}
