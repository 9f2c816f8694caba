import type { BatchRequest } from '../../../shared/kol/batch.js';
import type { Localized } from '../../../shared/messages.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

/** Why an item failed, in the user's language. */
export function reasonText(error: Localized, t: Translate): string {
  return t(`msg.${error.key}` as MessageKey, error.params);
}

/** Topics typed one per line, without blank lines or repeats. */
export function topicsOf(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((t) => t.trim()).filter((t) => t.length >= 2))];
}

/**
 * The items of a batch from the page's form: each persona takes each topic in
 * turn (persona 1 topic 1, persona 2 topic 1, … persona 1 topic 2, …) until
 * there are `count` posts; the default count is every persona × every topic.
 */
export function planItems(personaIds: readonly string[], topics: readonly string[], count: number): BatchRequest['items'] {
  if (!personaIds.length || !topics.length) return [];
  return Array.from({ length: count }, (_, i) => ({ personaId: personaIds[i % personaIds.length]!, topic: topics[Math.floor(i / personaIds.length) % topics.length]! }));
}
