import type { Store } from '../store/db.js';
import { refuse } from './refusals.js';

/**
 * A persona named on the command line — by its id or by its nickname — as
 * its id, the one way every `kingjam kol` command reads a persona. An id
 * wins (archived ones too: `show`, `update` and the history still name
 * them); a nickname names the one live persona called that. A name that
 * matches none, or several, is refused, naming `flag` and the matches' ids.
 */
export function resolvePersona(store: Store, value: string, flag: string): string {
  const name = value.trim();
  const byId = store.sqlite.prepare('SELECT id FROM kol_personas WHERE id = ?').get(name) as { id: string } | undefined;
  if (byId) return byId.id;
  // Nicknames compare without case (what people type), and archived personas never answer to one.
  const named = store.sqlite.prepare('SELECT id, nickname FROM kol_personas WHERE nickname = ? COLLATE NOCASE AND archived_at IS NULL ORDER BY nickname = ? DESC, created_at, id').all(name, name) as { id: string; nickname: string }[];
  const exact = named.filter((p) => p.nickname === name);
  if (exact.length === 1) return exact[0]!.id;
  if (exact.length === 0 && named.length === 1) return named[0]!.id;
  throw refuse.persona(flag, name, (exact.length > 1 ? exact : named).map((p) => `${p.id} (${p.nickname})`));
}

/** `--personas A,B` or `--id A,B`: each resolved as above, in order, without repeats. */
export function resolvePersonas(store: Store, values: string[], flag: string): string[] {
  return [...new Set(values.map((v) => resolvePersona(store, v, flag)))];
}
