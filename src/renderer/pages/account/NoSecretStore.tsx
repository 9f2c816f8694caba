import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';

/** Shown instead of a usable sign-in when main has nowhere safe to keep the session. */
export function NoSecretStore() {
  const t = useT();
  return (
    <div className="notice notice--warning" role="status" data-testid="account-no-store">
      <Icon name="warning" />
      <div>
        <h3 className="notice__title">{t('account.noStore.title')}</h3>
        <p className="notice__body">{t('account.noStore.body')}</p>
      </div>
    </div>
  );
}
