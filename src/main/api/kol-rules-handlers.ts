import type { kolRulesCalls } from '../../shared/api/kol-rules-contract.js';
import { RiskRuleService } from '../kol/risk-rules.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

type KolRulesCallName = keyof typeof kolRulesCalls;

/** Handlers of the kol.rules calls (issue 14); spread into createHandlers. The service holds no state beyond the store. */
export function kolRulesHandlers(studio: Studio): Pick<Handlers, KolRulesCallName> {
  const rules = new RiskRuleService(studio.store);
  return {
    'kol.rules.list': () => rules.list(),
    'kol.rules.save': (input) => rules.save(input),
    'kol.rules.delete': ({ id }) => rules.delete(id),
    'kol.rules.toggle': ({ id, enabled }) => rules.toggle(id, enabled),
    'kol.rules.reset': ({ scope }) => rules.reset(scope),
    'kol.rules.test': (input) => rules.test(input),
  };
}
