import type { Allocation } from '../../shared/kol/triggers.js';
import { mulberry32 } from '../../shared/random.js';

/**
 * Which personas write an item's posts, each persona at most once per item
 * (a post record is unique per trigger item and persona):
 * - round-robin: in list order from where the last run stopped (the position
 *   is kept on the schedule, so turns carry across runs);
 * - random: a shuffle seeded by the schedule, its run count and the item,
 *   so the same state always picks the same personas (tests are deterministic);
 * - expertise: the personas whose expertise areas appear most often in the
 *   item's text, ties in list order.
 */
export interface AllocationRequest {
  allocation: Allocation;
  /** The schedule's personas that still exist, in the schedule's order. */
  personaIds: readonly string[];
  count: number;
  /** Round-robin position before this item. */
  cursor: number;
  /** Random: the seed (the schedule, its run count and the item's key). */
  seed: string;
  /** Expertise: the item's words (title, summary, topic). */
  text: string;
  expertise: ReadonlyMap<string, readonly string[]>;
}

export function choosePersonas(req: AllocationRequest): { personaIds: string[]; cursor: number } {
  const n = req.personaIds.length;
  const count = Math.min(req.count, n);
  if (count === 0) return { personaIds: [], cursor: req.cursor };
  switch (req.allocation) {
    case 'round-robin': {
      const picked = Array.from({ length: count }, (_, i) => req.personaIds[(req.cursor + i) % n]!);
      return { personaIds: picked, cursor: (req.cursor + count) % n };
    }
    case 'random': {
      const random = seededRandom(req.seed);
      const pool = [...req.personaIds];
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      return { personaIds: pool.slice(0, count), cursor: req.cursor };
    }
    case 'expertise': {
      const text = req.text.toLocaleLowerCase();
      const score = (id: string): number => (req.expertise.get(id) ?? []).filter((area) => text.includes(area.toLocaleLowerCase())).length;
      const ranked = req.personaIds.map((id, index) => ({ id, index, score: score(id) })).sort((a, b) => b.score - a.score || a.index - b.index);
      return { personaIds: ranked.slice(0, count).map((r) => r.id), cursor: req.cursor };
    }
  }
}

/** mulberry32 seeded by FNV-1a of the text: small, fast, the same numbers for the same seed everywhere. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mulberry32(h);
}
