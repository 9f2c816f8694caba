import { useMemo, useState } from 'react';
import type { OwnedItemView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { BoxItemImage } from '../../components/BoxItemImage.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { TierBadge } from '../../components/TierBadge.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { groupDuplicates, type DuplicateGroup } from '../../lib/boxes.js';
import { formatDateTime } from '../../lib/format.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { SignedInOnly } from '../partners/common.js';
import { useLoad } from '../partners/useCall.js';
import { DeliveryDialog } from './DeliveryDialog.js';
import { ExportButtons } from './ExportButtons.js';
import { ListDialog } from './ListDialog.js';
import { MyDeliveries } from './MyDeliveries.js';
import { OpeningsHistory } from './OpeningsHistory.js';

/** One item of the collection with its copies (duplicates grouped, with a count) and each copy's status. */
function GroupCard({ group, onList, onDeliver }: { group: DuplicateGroup; onList: (item: OwnedItemView) => void; onDeliver: (item: OwnedItemView) => void }) {
  const t = useT();
  const language = useLanguage();
  return (
    <article className={`card box-card box-card--${group.tier}`} data-testid="collection-group" data-item-id={group.itemId} data-count={group.held} data-tier={group.tier}>
      <BoxItemImage itemId={group.itemId} hasImage={group.imageUrl !== null} alt={group.itemName} className="box-card__image" />
      <h3 className="box-card__title">
        <span data-testid="collection-group-name">{group.itemName}</span>
        {group.held > 1 ? (
          <span className="box-count" data-testid="collection-group-count">
            ×{group.held}
          </span>
        ) : null}
      </h3>
      <div className="box-card__meta">
        <TierBadge tier={group.tier} />
        <span className="muted">{group.seriesTitle}</span>
      </div>
      <ul className="box-copies">
        {group.copies.map((copy) => (
          <li key={copy.id} data-testid="collection-copy" data-owned-id={copy.id} data-status={copy.status}>
            <span className={`badge box-status box-status--${copy.status}`} data-testid="collection-copy-status">
              {t(`collection.status.${copy.status}`)}
            </span>
            <span className="muted">{formatDateTime(copy.acquired_at, language)}</span>
            <span className="muted">{t(copy.source.kind === 'trade' ? 'collection.source.trade' : 'collection.source.opening')}</span>
            {copy.delivery ? (
              <span className="badge" data-testid="collection-copy-delivery" data-status={copy.delivery.status}>
                {t(`delivery.status.${copy.delivery.status}`)}
              </span>
            ) : null}
            {copy.status === 'owned' && !copy.delivery ? (
              <button type="button" className="btn btn--ghost btn--small" data-testid="collection-list-button" onClick={() => onList(copy)}>
                {t('collection.list')}
              </button>
            ) : null}
            {copy.status === 'owned' && copy.physical && !copy.delivery ? (
              <button type="button" className="btn btn--ghost btn--small" data-testid="collection-deliver-button" onClick={() => onDeliver(copy)}>
                {t('delivery.request')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </article>
  );
}

function Collection() {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const items = useLoad(() => api().call('boxes.collection', {}));
  const [listing, setListing] = useState<OwnedItemView | null>(null);
  const [delivering, setDelivering] = useState<OwnedItemView | null>(null);
  const [deliveries, setDeliveries] = useState(0);
  const data = items.data;
  const groups = useMemo(() => (data ? groupDuplicates(data) : null), [data]);

  return (
    <>
      <div className="page-header__actions box-toolbar">
        <ExportButtons />
        <button type="button" className="btn btn--ghost btn--small" data-testid="collection-refresh" disabled={items.loading} onClick={() => void items.reload()}>
          <Icon name="sync" />
          {t('verify.refresh')}
        </button>
      </div>
      {items.error && !groups ? (
        <ErrorPanel error={items.error} onRetry={() => void items.reload()} testId="collection-error" />
      ) : !groups ? (
        <SkeletonRows rows={4} testId="collection-loading" />
      ) : groups.length === 0 ? (
        <EmptyState
          icon="cube"
          title={t('collection.empty')}
          body={t('collection.emptyBody')}
          testId="collection-empty"
          action={
            <button type="button" className="btn btn--primary" data-testid="collection-go-shop" onClick={() => go('box-shop')}>
              {t('shop.nav')}
            </button>
          }
        />
      ) : (
        <div className="box-grid" data-testid="collection-list">
          {groups.map((g) => (
            <GroupCard key={g.itemId} group={g} onList={setListing} onDeliver={setDelivering} />
          ))}
        </div>
      )}
      <MyDeliveries version={deliveries} onChange={() => void items.reload()} />
      <OpeningsHistory />
      {listing ? (
        <ListDialog
          item={listing}
          onClose={() => setListing(null)}
          onListed={() => {
            setListing(null);
            toastSuccess(translate('collection.list.done'));
            void items.reload();
          }}
        />
      ) : null}
      {delivering ? (
        <DeliveryDialog
          item={delivering}
          onClose={() => setDelivering(null)}
          onRequested={() => {
            setDelivering(null);
            toastSuccess(translate('delivery.done'));
            setDeliveries((n) => n + 1);
            void items.reload();
          }}
        />
      ) : null}
    </>
  );
}

/** My collection (issue 18): items from openings and trades, duplicates grouped, listing on the market, openings and export. */
export function CollectionPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-box-collection">
      <PageHeader title={t('collection.title')} subtitle={t('collection.subtitle')} />
      <SignedInOnly testId="collection">
        <Collection />
      </SignedInOnly>
    </section>
  );
}
