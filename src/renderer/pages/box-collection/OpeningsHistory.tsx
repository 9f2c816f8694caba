import { api } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { TierBadge } from '../../components/TierBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { verifyOpening } from '../../stores/boxVerifyStore.js';
import { useLoad } from '../partners/useCall.js';

/** Every box this buyer opened, newest first, each a click from its verification. */
export function OpeningsHistory() {
  const t = useT();
  const language = useLanguage();
  const openings = useLoad(() => api().call('boxes.openings', {}));
  const list = openings.data;
  return (
    <section className="card card--full" data-testid="openings-history">
      <h2 className="card__title">{t('collection.history.title')}</h2>
      {openings.error && !list ? (
        <ErrorPanel error={openings.error} onRetry={() => void openings.reload()} testId="openings-error" />
      ) : !list ? (
        <SkeletonRows rows={3} testId="openings-loading" />
      ) : list.length === 0 ? (
        <EmptyState icon="cube" title={t('collection.history.empty')} testId="openings-empty" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('collection.history.when')}</th>
                <th>{t('shop.odds.item')}</th>
                <th>{t('shop.odds.tier')}</th>
                <th className="num">{t('collection.history.credits')}</th>
                <th className="num">{t('verify.nonce')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...list]
                .sort((a, b) => b.created_at - a.created_at)
                .map((o) => (
                  <tr key={o.id} data-testid="opening-row" data-opening-id={o.id} data-outcome={o.outcome} data-item-id={o.item_id}>
                    <td>{formatDateTime(o.created_at, language)}</td>
                    <td>
                      {o.item_name}
                      {o.outcome === 'sold_out' ? <span className="muted"> {t('collection.history.refunded')}</span> : null}
                    </td>
                    <td>
                      <TierBadge tier={o.tier} />
                    </td>
                    <td className="num">{formatCount(o.credits, language)}</td>
                    <td className="num">{o.nonce}</td>
                    <td className="table__actions">
                      <button type="button" className="btn btn--ghost btn--small" data-testid="opening-verify" onClick={() => verifyOpening(o.id)}>
                        {t('collection.history.verify')}
                      </button>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
