import type { ErrorInfo } from '../../shared/errors.js';
import type { ToneId } from '../../shared/generate/tones.js';
import { readLedgerReason } from '../../shared/ledger-reasons.js';
import { messageHasHint } from '../../shared/messages.js';
import { parseProgressLabel } from '../../shared/progress-labels.js';
import type { Language } from '../../shared/settings.js';
import type { PlanOffer } from '../../shared/wallet.js';
import { en } from '../i18n/locales/en.js';
import type { MessageKey, Translate } from '../i18n/index.js';

/**
 * What main, a worker or the cloud said, in the user's language. Each comes
 * with a key (an error's `key` or cloud code, a progress label, a ledger
 * reason's form); the English sentence that travels with it is shown only to
 * an English user, and only when there is no key — a Chinese user never sees it.
 */

function known(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The cloud's own code's text, with the attempts left or the wait that came with it. */
function cloudText(error: ErrorInfo, t: Translate): string | null {
  if (!error.cloud) return null;
  const key = `cloudErr.${error.cloud.code}`;
  if (!known(key)) return null;
  const parts = [t(key)];
  if (error.cloud.attemptsLeft !== undefined) parts.push(t('partners.attemptsLeft', { count: error.cloud.attemptsLeft }));
  if (error.cloud.retryAfterSeconds !== undefined) parts.push(t('partners.retryAfter', { seconds: error.cloud.retryAfterSeconds }));
  return parts.join(' ');
}

/** The sentence under an error's title: the key's text, the cloud code's text, or (English only) main's message. */
export function errorDetail(error: ErrorInfo, t: Translate, language: Language): string | null {
  const cloud = cloudText(error, t);
  if (cloud) return cloud;
  if (error.key) {
    const key = `msg.${error.key}`;
    if (known(key)) return t(key, error.params);
  }
  return language === 'en' && error.message ? error.message : null;
}

/** What the user can do: the key's hint, or (English only) main's hint. */
export function errorHint(error: ErrorInfo, t: Translate, language: Language): string | null {
  if (error.key && messageHasHint(error.key)) {
    const key = `msg.${error.key}.hint`;
    if (known(key)) return t(key, error.params);
  }
  return language === 'en' && error.hint ? error.hint : null;
}

const QUEUE_KEYS: Record<string, MessageKey> = { high: 'queue.high', default: 'queue.default', video: 'queue.video', mesh: 'queue.mesh' };

/** A job's progress text or held reason (a label of src/shared/progress-labels.ts); older free text only in English. */
export function progressText(text: string | null, t: Translate, language: Language): string | null {
  if (!text) return null;
  const label = parseProgressLabel(text);
  if (!label) return language === 'en' ? text : null;
  const params: Record<string, string> = { ...label.params };
  const queue = params.queue !== undefined ? QUEUE_KEYS[params.queue] : undefined;
  if (queue) params.queue = t(queue);
  return t(`progress.${label.key}`, params);
}

/** A credit-history entry's reason; an admin's free text is shown as written. */
export function ledgerReasonText(reason: string, t: Translate): string {
  const read = readLedgerReason(reason);
  if (!read) return reason;
  const params: Record<string, string> = { ...read.params };
  if (params.tier !== undefined && known(`referrals.tier.${params.tier}`)) params.tier = t(`referrals.tier.${params.tier}` as MessageKey);
  if (params.pack !== undefined && known(`pack.${params.pack}`)) params.pack = t(`pack.${params.pack}` as MessageKey);
  if (params.plan !== undefined && known(`plan.${params.plan}`)) params.plan = t(`plan.${params.plan}` as MessageKey);
  if (params.purpose !== undefined && known(`genPurpose.${params.purpose}`)) params.purpose = t(`genPurpose.${params.purpose}` as MessageKey);
  return t(`ledger.${read.key}`, params);
}

/** A plan's or pack's name by its id; the cloud's English name only for an id this app does not know. */
export function offerName(offer: Pick<PlanOffer, 'id' | 'kind' | 'name'>, t: Translate): string {
  const key = `${offer.kind}.${offer.id}`;
  return known(key) ? t(key) : offer.name;
}

export function toneGuide(id: ToneId, t: Translate): string {
  return t(`tone.${id}.guide`);
}
