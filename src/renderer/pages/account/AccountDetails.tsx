import { useState } from 'react';
import type { AccountView } from '../../../shared/wallet.js';
import { errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { syncAndTell, useAccountStore } from '../../stores/accountStore.js';
import { confirm } from '../../stores/confirmStore.js';
import { useCreditsStore } from '../../stores/creditsStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { OnlineBadge } from './OnlineBadge.js';

const STORE_KEYS: Record<NonNullable<AccountView['secretStore']>, MessageKey> = {
  keychain: 'account.store.keychain',
  'safe-storage': 'account.store.safe-storage',
  'encrypted-file': 'account.store.encrypted-file',
};

async function signOut(email: string): Promise<void> {
  const ok = await confirm({
    title: translate('account.signOutTitle', { email }),
    body: translate('account.signOutBody'),
    confirmLabel: translate('account.signOut'),
    danger: true,
  });
  if (!ok) return;
  try {
    await useAccountStore.getState().logout();
    useCreditsStore.getState().reset();
    toastSuccess(translate('account.signedOut'));
  } catch (err) {
    toastError(errorInfoOf(err));
  }
}

/** The signed-in account on this device: who, where, whether the cloud answers, and sign out. */
export function AccountDetails({ account }: { account: AccountView }) {
  const t = useT();
  const language = useLanguage();
  const go = useNavigationStore((s) => s.go);
  const [busy, setBusy] = useState(false);
  const email = account.email ?? account.userId ?? '';

  return (
    <section className="card account-details" data-testid="account-signed-in">
      <div className="account-details__head">
        <div className="account-details__avatar" aria-hidden="true">
          {email.slice(0, 1).toUpperCase()}
        </div>
        <div>
          <h2 className="card__title">{t('account.signedIn')}</h2>
          <div className="account-details__email" data-testid="account-email">
            {email}
          </div>
        </div>
        <OnlineBadge online={account.online} testId="account-online" />
      </div>
      <dl className="meta-list">
        <div className="meta-list__row">
          <dt>{t('account.field.cloud')}</dt>
          <dd>
            <code data-testid="account-cloud-url">{account.cloudUrl}</code>
          </dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('account.field.lastSync')}</dt>
          <dd data-testid="account-last-sync">{account.lastSyncAt ? formatDateTime(account.lastSyncAt, language) : t('account.never')}</dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('account.field.secretStore')}</dt>
          <dd data-testid="account-secret-store">{account.secretStore ? t(STORE_KEYS[account.secretStore]) : t('account.store.none')}</dd>
        </div>
      </dl>
      {account.lastError ? (
        <p className="account-details__error" data-testid="account-last-error">
          {t('account.lastError', { message: account.lastError })}
        </p>
      ) : null}
      <div className="account-details__actions">
        <button
          type="button"
          className="btn btn--ghost"
          disabled={busy}
          data-testid="account-sync"
          onClick={() => {
            setBusy(true);
            void syncAndTell().finally(() => setBusy(false));
          }}
        >
          <Icon name="sync" />
          {busy ? t('credits.syncing') : t('credits.sync')}
        </button>
        <button type="button" className="btn btn--ghost" data-testid="account-go-credits" onClick={() => go('credits')}>
          <Icon name="wallet" />
          {t('account.goCredits')}
        </button>
        <button type="button" className="btn btn--danger" data-testid="account-sign-out" onClick={() => void signOut(email)}>
          <Icon name="logout" />
          {t('account.signOut')}
        </button>
      </div>
    </section>
  );
}
