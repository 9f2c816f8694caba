import { useEffect } from 'react';
import type { WalletEntry } from '../../../shared/wallet.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { entryKindKey, entrySign } from '../../lib/wallet.js';
import { useCreditsStore } from '../../stores/creditsStore.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ledgerReasonText } from '../../lib/serverText.js';

function EntryRow({ entry }: { entry: WalletEntry }) {
  const t = useT();
  const language = useLanguage();
  const key = entryKindKey(entry.kind);
  const sign = entrySign(entry.kind);
  const amount = formatCount(entry.amount, language);
  return (
    <tr data-testid="wallet-entry" data-kind={entry.kind}>
      <td className="wallet-history__when">{formatDateTime(entry.createdAt, language)}</td>
      <td>{key ? t(key) : entry.kind}</td>
      <td className={sign > 0 ? 'wallet-history__amount wallet-history__amount--in' : sign < 0 ? 'wallet-history__amount wallet-history__amount--out' : 'wallet-history__amount'}>
        {sign > 0 ? `+${amount}` : sign < 0 ? `−${amount}` : amount}
      </td>
      <td className="wallet-history__reason" data-testid="wallet-entry-reason">{entry.reason ? ledgerReasonText(entry.reason, t) : t('common.none')}</td>
    </tr>
  );
}

/** Everything that moved in the wallet, newest first, a page at a time (wallet.history). */
export function WalletHistory({ online }: { online: boolean }) {
  const t = useT();
  const { entries, nextCursor, historyLoading, historyLoaded, loadingMore, historyError, loadHistory, loadMore } = useCreditsStore();

  useEffect(() => {
    void loadHistory();
  }, [loadHistory, online]);

  function body() {
    if (historyError && entries.length === 0) return <ErrorPanel error={historyError} onRetry={() => void loadHistory()} testId="wallet-history-error" />;
    if (!historyLoaded && historyLoading) return <SkeletonRows rows={4} testId="wallet-history-loading" />;
    if (entries.length === 0) return <p className="muted">{t('credits.historyEmpty')}</p>;
    return (
      <>
        <div className="table-wrap">
          <table className="table" data-testid="wallet-history-table">
            <thead>
              <tr>
                <th>{t('credits.col.when')}</th>
                <th>{t('credits.col.kind')}</th>
                <th>{t('credits.col.amount')}</th>
                <th>{t('credits.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
        {nextCursor ? <LoadMore testId="wallet-history-more" loading={loadingMore} onLoad={() => void loadMore()} /> : null}
      </>
    );
  }

  return (
    <section className="card card--full" data-testid="wallet-history">
      <h2 className="card__title">{t('credits.history')}</h2>
      {body()}
    </section>
  );
}
