import { t } from '../i18n/index.js';
import { confirm } from '../stores/confirmStore.js';

/** Asks before a job is stopped: its work so far is lost (nothing is charged for it). */
export function confirmCancelJob(): Promise<boolean> {
  return confirm({
    title: t('uifix.cancel.title'),
    body: t('uifix.cancel.body'),
    confirmLabel: t('uifix.cancel.confirm'),
    dismissLabel: t('uifix.cancel.keep'),
    danger: true,
  });
}
