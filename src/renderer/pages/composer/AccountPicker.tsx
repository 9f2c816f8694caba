import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import type { PublishAccountView } from '../../../shared/publish/post.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { errorDetail, errorHint } from '../../lib/serverText.js';
import { useComposerStore } from '../../stores/composerStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';

interface Group {
  key: string;
  name: string;
  accounts: PublishAccountView[];
}

/** Accounts by client (the studio's own first), each client in name order. */
export function groupByClient(accounts: readonly PublishAccountView[], ownName: string): Group[] {
  const groups = new Map<string, Group>();
  for (const a of accounts) {
    const key = a.clientId ?? '';
    const group = groups.get(key) ?? { key, name: a.clientId ? (a.clientName ?? a.clientId) : ownName, accounts: [] };
    group.accounts.push(a);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.key === '' ? -1 : b.key === '' ? 1 : a.name.localeCompare(b.name)));
}

function AccountOption({ account, checked, locked, onToggle }: { account: PublishAccountView; checked: boolean; locked: boolean; onToggle: () => void }) {
  const t = useT();
  const language = useLanguage();
  const id = `composer-account-${account.id}`;
  const problem = !account.usable && account.problem ? errorDetail(account.problem, t, language) : null;
  const hint = !account.usable && account.problem ? errorHint(account.problem, t, language) : null;
  return (
    <li className={account.usable ? 'account-option' : 'account-option account-option--disabled'} data-testid="composer-account" data-account-id={account.id} data-usable={account.usable}>
      <input id={id} type="checkbox" checked={checked} disabled={!account.usable || locked} aria-describedby={account.usable ? undefined : `${id}-why`} onChange={onToggle} />
      <label htmlFor={id}>
        <strong>{PLATFORM_LABELS[account.platform]}</strong> · {account.displayName}
        <span className="muted small"> · {account.timeZone}</span>
      </label>
      {account.usable ? null : (
        <div id={`${id}-why`} className="account-option__why" data-testid="composer-account-why">
          <Icon name="warning" size={14} />
          <span>{problem ?? t('scheduler.composer.accountUnusable')}</span>
          {hint ? <span className="muted"> {hint}</span> : null}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => {
              useComposerStore.getState().close();
              useNavigationStore.getState().go('connections');
            }}
          >
            {t('scheduler.composer.reconnect')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Which accounts the post goes to, grouped by client; those that cannot post say why and what to do. */
export function AccountPicker({ accounts, chosen, locked, onChange }: { accounts: PublishAccountView[]; chosen: string[]; locked: boolean; onChange: (ids: string[]) => void }) {
  const t = useT();
  const groups = groupByClient(accounts, t('scheduler.composer.ownAccounts'));
  if (accounts.length === 0) {
    return (
      <div className="empty-inline" data-testid="composer-no-accounts">
        <p>{t('scheduler.composer.noAccounts')}</p>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => {
            useComposerStore.getState().close();
            useNavigationStore.getState().go('connections');
          }}
        >
          {t('scheduler.composer.connect')}
        </button>
      </div>
    );
  }
  return (
    <div className="account-picker" data-testid="composer-accounts">
      {groups.map((g) => (
        <fieldset key={g.key} className="account-picker__group">
          <legend>{g.name}</legend>
          <ul>
            {g.accounts.map((a) => (
              <AccountOption
                key={a.id}
                account={a}
                checked={chosen.includes(a.id)}
                locked={locked}
                onToggle={() => onChange(chosen.includes(a.id) ? chosen.filter((id) => id !== a.id) : [...chosen, a.id])}
              />
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
