import { useMemo } from 'react';
import { api } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useBoxVerifyStore } from '../../stores/boxVerifyStore.js';
import { SignedInOnly } from '../partners/common.js';
import { useLoad } from '../partners/useCall.js';
import { AuditHeadCard } from './AuditHeadCard.js';
import { MethodCard } from './MethodCard.js';
import { VerifyDetails } from './VerifyDetails.js';

/** The series of the opening shown, for item names beside the recomputed weights. */
function SeriesItems({ seriesId, openingId }: { seriesId: string | null; openingId: string }) {
  const series = useLoad(() => (seriesId ? api().call('boxes.series', { id: seriesId }) : Promise.resolve(null)));
  return <VerifyDetails key={openingId} openingId={openingId} items={series.data?.items ?? null} />;
}

function Verify() {
  const t = useT();
  const language = useLanguage();
  const openingId = useBoxVerifyStore((s) => s.openingId);
  const select = useBoxVerifyStore((s) => s.select);
  const openings = useLoad(() => api().call('boxes.openings', {}));
  const list = openings.data;
  const seriesId = useMemo(() => list?.find((o) => o.id === openingId)?.series_id ?? null, [list, openingId]);

  return (
    <div className="verify-layout">
      <section className="card" data-testid="verify-picker">
        <h2 className="card__title">{t('verify.pick')}</h2>
        {openings.error && !list ? (
          <ErrorPanel error={openings.error} onRetry={() => void openings.reload()} testId="verify-openings-error" />
        ) : !list ? (
          <SkeletonRows rows={3} testId="verify-openings-loading" />
        ) : list.length === 0 && !openingId ? (
          <EmptyState icon="cube" title={t('verify.noOpenings')} testId="verify-openings-empty" />
        ) : (
          <select className="select" data-testid="verify-opening-select" value={openingId ?? ''} onChange={(e) => select(e.target.value || null)}>
            <option value="">{t('verify.pickPlaceholder')}</option>
            {list.map((o) => (
              <option key={o.id} value={o.id}>
                {formatDateTime(o.created_at, language)} · {o.item_name} · #{o.nonce}
              </option>
            ))}
          </select>
        )}
      </section>
      {openingId && (list || openings.error) ? <SeriesItems key={`${openingId}:${seriesId ?? ''}`} seriesId={seriesId} openingId={openingId} /> : null}
      <MethodCard />
      <AuditHeadCard />
    </div>
  );
}

/** Verify an opening (issue 18): recomputed here from the published seed, the client seed and the odds; and the audit log's head. */
export function VerifyPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-box-verify">
      <PageHeader title={t('verify.title')} subtitle={t('verify.subtitle')} />
      <SignedInOnly testId="verify">
        <Verify />
      </SignedInOnly>
    </section>
  );
}
