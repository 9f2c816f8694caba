import { useState } from 'react';
import type { SeriesView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { SignedInOnly } from '../partners/common.js';
import { useLoad } from '../partners/useCall.js';
import { emptyForm, formOf, type SeriesForm } from './draft.js';
import { SeriesDetail } from './SeriesDetail.js';
import { SeriesEditor } from './SeriesEditor.js';

/** `key` stays the same while one draft is edited, so saving (which gives a new draft its id) keeps the form as typed. */
type Screen = { kind: 'list' } | { kind: 'edit'; key: string; id: string | null; form: SeriesForm; view: SeriesView | null } | { kind: 'view'; series: SeriesView };

/**
 * Series editor (issue 18, Creator Hub): the creator's blind-box series with
 * their status; a draft's form (items from characters, odds that must total
 * 100 %); opening sales publishes the seed commitment; closing or rotating
 * reveals the seed so every opening can be verified.
 */
export function BoxesSeriesPage() {
  const t = useT();
  const [screen, setScreen] = useState<Screen>({ kind: 'list' });

  /** A draft opens in the editor with the pictures and 3D models it was saved with on this computer; a series on sale opens its detail. */
  async function open(s: SeriesView) {
    if (s.status !== 'draft') return setScreen({ kind: 'view', series: s });
    const sources = await api()
      .call('boxes.draftSources', { id: s.id })
      .catch(() => []);
    setScreen({ kind: 'edit', key: s.id, id: s.id, form: formOf(s, sources), view: s });
  }

  return (
    <div className="page" data-testid="page-box-series">
      <PageHeader
        title={t('boxstudio.nav')}
        subtitle={t('boxstudio.subtitle')}
        actions={
          screen.kind === 'list' ? (
            <button type="button" className="btn btn--primary" data-testid="series-new" onClick={() => setScreen({ kind: 'edit', key: crypto.randomUUID(), id: null, form: emptyForm(Date.now()), view: null })}>
              {t('boxstudio.new')}
            </button>
          ) : (
            <button type="button" className="btn btn--ghost" data-testid="series-back" onClick={() => setScreen({ kind: 'list' })}>
              {t('boxstudio.back')}
            </button>
          )
        }
      />
      <SignedInOnly testId="series">
        {screen.kind === 'list' ? (
          <SeriesList onOpen={(s) => void open(s)} />
        ) : screen.kind === 'edit' ? (
          <div style={{ display: 'grid', gap: 12 }}>
            <SeriesEditor key={screen.key} id={screen.id} initial={screen.form} onSaved={(view, form) => setScreen({ ...screen, id: view.id, form, view })} />
            {screen.view ? <SeriesDetail series={screen.view} onChange={(view) => setScreen(view.status === 'draft' ? { ...screen, view } : { kind: 'view', series: view })} /> : null}
          </div>
        ) : (
          <SeriesDetail series={screen.series} onChange={(series) => setScreen({ kind: 'view', series })} />
        )}
      </SignedInOnly>
    </div>
  );
}

function SeriesList({ onOpen }: { onOpen(s: SeriesView): void }) {
  const t = useT();
  const list = useLoad(() => api().call('boxes.mySeries', {}));
  if (list.error && !list.data) return <ErrorPanel error={list.error} onRetry={() => void list.reload()} testId="series-load-error" />;
  if (!list.data) return <SkeletonRows rows={3} />;
  if (list.data.length === 0) return <EmptyState icon="cube" title={t('boxstudio.empty')} testId="series-empty" />;
  return (
    <ul className="card-grid" data-testid="series-list" style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' }}>
      {list.data.map((s) => (
        <li key={s.id} className="card" data-testid="series-item" data-id={s.id} data-status={s.status}>
          <strong>{s.title}</strong> <span className="badge">{t(`boxstudio.status.${s.status}`)}</span>
          <p className="muted">{t('boxstudio.list.summary', { count: s.items.length, price: s.price })}</p>
          <button type="button" className="btn btn--ghost" data-testid="series-open" onClick={() => onOpen(s)}>
            {s.status === 'draft' ? t('boxstudio.edit') : t('boxstudio.view')}
          </button>
        </li>
      ))}
    </ul>
  );
}
