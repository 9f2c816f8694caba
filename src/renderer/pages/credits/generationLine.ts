import type { GenCallView } from '../../../shared/gateway.js';
import { findModel } from '../../../shared/models.js';
import type { Language } from '../../../shared/settings.js';
import type { Translate } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';

/** What a call cost, in words: the credits taken, "not charged" when it failed or was released, or what is held while it runs. */
function callCost(call: GenCallView, t: Translate, language: Language): string {
  if (call.status === 'failed' || call.status === 'released') return t('choices.gen.notCharged');
  if (call.status === 'running') return t('choices.gen.running', { count: formatCount(call.held, language) });
  return t('choices.gen.credits', { count: formatCount(call.credits, language) });
}

/** One row: purpose · model label · credits, e.g. "部落格文章 · Gemini 3.1 Pro · 12 點". */
export function generationLine(call: GenCallView, t: Translate, language: Language): string {
  const model = findModel(call.upstream, call.model)?.label ?? call.model;
  return [t(`choices.gen.purpose.${call.purpose}`), model, callCost(call, t, language)].join(' · ');
}
