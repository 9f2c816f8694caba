import { StudioError } from '../../../shared/errors.js';
import { say } from '../../../shared/messages.js';
import type { BatchEstimate } from '../../../shared/api/kol-batch-contract.js';
import type { BatchItemRequest } from '../../../shared/kol/batch.js';
import { personaInputSchema, type PersonaSettings } from '../../../shared/kol/persona.js';
import { billingOf, creditsOn, textCredits, textModelKey } from '../../../shared/pricing.js';
import type { KolStore } from '../store.js';

/**
 * What a batch item is before it runs: its persona's settings (a persona that
 * is gone or archived is refused), what its one text call may cost, and a
 * request's estimate per provider — the same price function as the hold.
 */

/**
 * Settings parsed from their stored JSON, by that JSON: a batch asks for its
 * personas' settings twice per post (to queue the job, to save the post), and
 * the schema parse cost more than the rest of the read. Frozen, since callers
 * share them; a persona's edit stores new JSON and so misses the cache.
 */
const parsed = new Map<string, PersonaSettings>();
const PARSED_MAX = 256;

/** The persona's settings, or null when there is no such persona or it is archived. */
export function personaSettings(kol: KolStore, id: string): PersonaSettings | null {
  const row = kol.persona(id);
  if (!row || row.archived_at !== null) return null;
  let settings = parsed.get(row.settings);
  if (!settings) {
    settings = deepFreeze(personaInputSchema.parse(JSON.parse(row.settings) as unknown));
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(row.settings, settings);
  }
  return settings;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Every persona of the items, or a refusal naming the first that does not exist (before anything is written). */
export function requirePersonas(kol: KolStore, items: readonly BatchItemRequest[]): Map<string, PersonaSettings> {
  const found = new Map<string, PersonaSettings>();
  for (const { personaId } of items) {
    if (found.has(personaId)) continue;
    const settings = personaSettings(kol, personaId);
    if (!settings) throw personaNotFound(personaId);
    found.set(personaId, settings);
  }
  return found;
}

export function personaNotFound(id: string): StudioError {
  return new StudioError({ code: 'NOT_FOUND', message: `There is no persona ${id}.`, hint: 'Choose personas from the KOL page; an archived persona writes no more posts.', ...say('kol.batch.personaNotFound', { id }) });
}

/** What one item's post may cost in credits: its text call on KingJam Cloud, nothing on an own key or a local model. */
export function itemCredits(persona: PersonaSettings): number {
  const choice = { provider: persona.model.provider, ...(persona.model.model ? { model: persona.model.model } : {}) };
  return creditsOn(persona.model.provider, textCredits(choice));
}

/** The KingJam Cloud models the items call (for the cloud's price check before it starts). */
export function cloudModels(personas: Iterable<PersonaSettings>): string[] {
  return [...new Set([...personas].filter((p) => p.model.provider === 'cloud').map((p) => textModelKey(p.model.model)))];
}

export function estimateBatch(items: readonly BatchItemRequest[], personas: Map<string, PersonaSettings>, concurrency: number): BatchEstimate {
  const lines = new Map<string, BatchEstimate['lines'][number]>();
  for (const item of items) {
    const persona = personas.get(item.personaId)!;
    const provider = persona.model.provider;
    const line = lines.get(provider) ?? { provider, items: 0, credits: 0, billing: billingOf(provider) };
    line.items += 1;
    line.credits += itemCredits(persona);
    lines.set(provider, line);
  }
  const all = [...lines.values()];
  return { lines: all, total: all.reduce((sum, l) => sum + l.credits, 0), concurrency };
}
