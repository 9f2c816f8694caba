import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import { MISSED_POLICIES, type MissedPolicy, type PublishAccountView } from '../../../shared/publish/post.js';
import { api, errorInfoOf } from '../../api/index.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { errorDetail } from '../../lib/serverText.js';
import { useSchedulerStore } from '../../stores/schedulerStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';

/** Every IANA zone this browser knows (the same list main checks a zone against). */
const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

async function save(account: PublishAccountView, patch: { timeZone?: string; missedPolicy?: MissedPolicy }, failed: string, saved: string): Promise<void> {
  try {
    const updated = await api().call('publish.updateAccount', { id: account.id, ...patch });
    const { accounts } = useSchedulerStore.getState();
    useSchedulerStore.setState({ accounts: (accounts ?? []).map((a) => (a.id === updated.id ? updated : a)) });
    toastSuccess(saved);
  } catch (err) {
    toastError(errorInfoOf(err), failed);
  }
}

function Row({ account }: { account: PublishAccountView }) {
  const t = useT();
  const language = useLanguage();
  const zones = ZONES.includes(account.timeZone) ? ZONES : [account.timeZone, ...ZONES];
  const name = `${PLATFORM_LABELS[account.platform]} · ${account.displayName}`;
  const done = t('scheduler.accounts.saved', { name });
  const failed = t('scheduler.accounts.saveFailed');
  return (
    <tr data-testid="account-row" data-account-id={account.id}>
      <th scope="row">
        {name}
        {account.clientName ? <div className="muted small">{account.clientName}</div> : null}
      </th>
      <td>
        <select className="select" aria-label={t('scheduler.accounts.zoneOf', { name })} value={account.timeZone} data-testid="account-zone" onChange={(e) => void save(account, { timeZone: e.target.value }, failed, done)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select className="select" aria-label={t('scheduler.accounts.missedOf', { name })} value={account.missedPolicy} data-testid="account-missed" onChange={(e) => void save(account, { missedPolicy: e.target.value as MissedPolicy }, failed, done)}>
          {MISSED_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`scheduler.missedPolicy.${p}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {account.usable ? (
          <span className="badge badge--succeeded">{t('scheduler.accounts.ready')}</span>
        ) : (
          <>
            <span className="badge badge--failed">{t('scheduler.accounts.notReady')}</span>
            {account.problem ? <div className="muted small">{errorDetail(account.problem, t, language)}</div> : null}
          </>
        )}
      </td>
    </tr>
  );
}

/** Each account's time zone (the calendar shows its times there too) and what happens to its posts that come due while the studio is off. */
export function AccountsPanel() {
  const t = useT();
  const accounts = useSchedulerStore((s) => s.accounts);
  return (
    <section className="card" id="scheduler-accounts" data-testid="accounts-panel" aria-labelledby="scheduler-accounts-title">
      <h2 className="card__title" id="scheduler-accounts-title">
        {t('scheduler.accounts.title')}
      </h2>
      <p className="muted">{t('scheduler.accounts.help')}</p>
      {accounts && accounts.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('scheduler.col.account')}</th>
                <th scope="col">{t('scheduler.accounts.zone')}</th>
                <th scope="col">{t('scheduler.accounts.missed')}</th>
                <th scope="col">{t('scheduler.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <Row key={a.id} account={a} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('scheduler.composer.noAccounts')}</p>
      )}
    </section>
  );
}
