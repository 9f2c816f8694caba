import type { Localized } from '../../../shared/messages.js';
import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import type { OutboxState, PublishAccountView } from '../../../shared/publish/post.js';
import type { Language } from '../../../shared/settings.js';
import type { IconName } from '../../components/Icon.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { differsFromLocal } from '../../lib/calendar.js';
import { errorDetail, errorHint } from '../../lib/serverText.js';

/** Each state's icon, so a state never reads from its colour alone. */
export const STATE_ICON: Record<OutboxState, IconName> = {
  draft: 'article',
  scheduled: 'history',
  publishing: 'sync',
  published: 'check',
  failed: 'warning',
  canceled: 'stop',
};

export function stateLabel(state: OutboxState, t: Translate): string {
  return t(`scheduler.state.${state}` satisfies MessageKey);
}

/** A rule a post breaks, in the user's language (through the same helper as every server message). */
export function problemText(message: Localized, t: Translate, language: Language): string {
  return errorDetail({ code: 'BAD_INPUT', message: '', key: message.key, ...(message.params ? { params: message.params } : {}) }, t, language) ?? message.key;
}

export function problemHint(message: Localized, t: Translate, language: Language): string | null {
  return errorHint({ code: 'BAD_INPUT', message: '', key: message.key, ...(message.params ? { params: message.params } : {}) }, t, language);
}

export function accountLabel(account: PublishAccountView | undefined, fallbackPlatform: keyof typeof PLATFORM_LABELS): string {
  return account ? `${PLATFORM_LABELS[account.platform]} · ${account.displayName}` : PLATFORM_LABELS[fallbackPlatform];
}

export function formatTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

export function formatDay(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(ms));
}

export function formatWhen(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** The time in an account's zone with the zone named, or null when it reads the same as the viewer's. */
export function accountZoneTime(ms: number, timeZone: string, language: Language, withDate = false): string | null {
  if (!differsFromLocal(ms, timeZone)) return null;
  try {
    const format = new Intl.DateTimeFormat(language, {
      timeZone,
      ...(withDate ? { month: 'short', day: 'numeric' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    return `${format.format(new Date(ms))} (${timeZone})`;
  } catch {
    return null;
  }
}

/** The month's name (month and list views: `from` is any day of it), or the week's first to last day. */
export function rangeLabel(from: number, toExclusive: number, language: Language, view: 'month' | 'week' | 'list'): string {
  if (view !== 'week') return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long' }).format(new Date(from));
  const format = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric' });
  return format.formatRange(new Date(from), new Date(toExclusive - 1));
}
