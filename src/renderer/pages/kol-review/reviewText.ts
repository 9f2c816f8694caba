import type { Localized } from '../../../shared/messages.js';
import { SYSTEM_ACTORS, type KolPostState, type KolPostView } from '../../../shared/kol/post-record.js';
import type { RiskLevel } from '../../../shared/kol/scores.js';
import type { Language } from '../../../shared/settings.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { problemText } from '../scheduler/postText.js';

export function stateLabel(state: KolPostState, t: Translate): string {
  return t(`kol.review.state.${state}` satisfies MessageKey);
}

export function riskLabel(level: RiskLevel, t: Translate): string {
  return t(`kol.review.risk.${level}` satisfies MessageKey);
}

/** A score's reason in the user's language (the same helper as every server message). */
export function reasonText(reason: Localized, t: Translate, language: Language): string {
  return problemText(reason, t, language);
}

const SYSTEM_ACTOR_KEYS: Record<string, MessageKey> = {
  [SYSTEM_ACTORS.autoApprove]: 'kol.review.actor.autoApprove',
  [SYSTEM_ACTORS.outbox]: 'kol.review.actor.outbox',
  [SYSTEM_ACTORS.batch]: 'kol.review.actor.batch',
  [SYSTEM_ACTORS.trigger]: 'kol.review.actor.trigger',
};

/** Who moved a post: a reviewer by name, or what the system part was. */
export function actorLabel(actor: string, t: Translate): string {
  const key = SYSTEM_ACTOR_KEYS[actor];
  return key ? t(key) : actor;
}

/** Tags as the platform shows them: one #word each, spaces dropped. */
export function hashtagsOf(tags: string[]): string[] {
  return tags.map((tag) => `#${tag.replace(/^#/, '').replace(/\s+/g, '')}`);
}

/** Posts a reviewer may still change in place (the contract's edit accepts these). */
export function isEditable(post: KolPostView): boolean {
  return post.status === 'draft' || post.status === 'pending_review' || post.status === 'needs_changes';
}
