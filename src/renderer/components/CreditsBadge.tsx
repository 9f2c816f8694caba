import { useLanguage, useT } from '../i18n/index.js';
import { formatCount } from '../lib/format.js';
import { selectAvailable, useAccountStore } from '../stores/accountStore.js';

/** Available credits next to the Credits entry of the sidebar, when signed in (the last known figure while offline). */
export function CreditsBadge() {
  const t = useT();
  const language = useLanguage();
  const available = useAccountStore(selectAvailable);
  const offline = useAccountStore((s) => s.account?.signedIn === true && !s.account.online);
  if (available === null) return null;
  return (
    <span
      className={offline ? 'credits-badge credits-badge--offline' : 'credits-badge'}
      data-testid="sidebar-credits"
      title={t('nav.creditsBadge', { count: formatCount(available, language) })}
    >
      {formatCount(available, language)}
    </span>
  );
}
