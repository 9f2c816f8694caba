import type { SeriesView } from '../../../shared/boxes/wire.js';
import { ODDS_SCALE } from '../../../shared/boxes/fair.js';
import { api } from '../../api/index.js';
import { t as translate, useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { formatBytes, formatDateTime } from '../../lib/format.js';
import { confirm } from '../../stores/confirmStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';
import { SeriesDeliveries } from './SeriesDeliveries.js';
import { useAccountStore } from '../../stores/accountStore.js';

type Step = 'openSales' | 'close' | 'rotate';
const CALLS = { openSales: 'boxes.openSales', close: 'boxes.close', rotate: 'boxes.rotateSeed' } as const;
const DONE: Record<Step, MessageKey> = { openSales: 'boxstudio.opened', close: 'boxstudio.closed', rotate: 'boxstudio.rotated' };

/** A series as buyers will see it (odds, stock, guarantee), its seeds and commitments, and the steps of its life: open, rotate, close. */
export function SeriesDetail({ series, onChange }: { series: SeriesView; onChange(view: SeriesView): void }) {
  // Deliveries are the creator's to see: a page left open after signing in as someone else does not ask for them.
  const me = useAccountStore((s) => s.account?.userId ?? null);
  const t = useT();
  const language = useLanguage();
  const action = useAction();
  const current = series.seeds.find((s) => s.server_seed === null) ?? null;
  const revealed = series.seeds.filter((s) => s.server_seed !== null);
  const items = [...series.items].sort((a, b) => a.position - b.position);

  async function run(step: Step) {
    const ok = await confirm({
      title: translate(`boxstudio.${step === 'openSales' ? 'openSales' : step}.title`, { title: series.title }),
      body: translate(`boxstudio.${step === 'openSales' ? 'openSales' : step}.body`),
      confirmLabel: translate(`boxstudio.${step}`),
      danger: step === 'close',
    });
    if (!ok) return;
    const view = await action.run(() => api().call(CALLS[step], { id: series.id }));
    if (view) {
      toastSuccess(translate(DONE[step]));
      onChange(view);
    }
  }

  return (
    <section className="card" data-testid="series-detail" data-status={series.status} data-id={series.id} style={{ display: 'grid', gap: 12 }}>
      <h2>
        {series.title} <span className="badge" data-testid="series-status" data-status={series.status}>{t(`boxstudio.status.${series.status}`)}</span>
      </h2>
      {series.description ? <p>{series.description}</p> : null}
      <p className="muted">
        {series.ends_at === null
          ? t('boxstudio.period.open', { start: formatDateTime(series.starts_at, language) })
          : t('boxstudio.period', { start: formatDateTime(series.starts_at, language), end: formatDateTime(series.ends_at, language) })}
        {' · '}
        {t('boxstudio.list.summary', { count: series.items.length, price: series.price })}
      </p>
      <table className="table" data-testid="series-odds">
        <thead>
          <tr>
            <th>{t('boxstudio.col.item')}</th>
            <th>{t('boxstudio.col.tier')}</th>
            <th>{t('boxstudio.col.odds')}</th>
            <th>{t('boxstudio.col.stock')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it) => (
            <tr key={it.id} data-testid="series-odds-row" data-item-id={it.id} data-ppm={it.odds_ppm}>
              <td>
                {it.name}
                {it.production_pack ? <div className="muted">{t('boxstudio.pack', { name: it.production_pack.name, size: formatBytes(it.production_pack.bytes, language) })}</div> : null}
              </td>
              <td>{t(`boxstudio.tier.${it.tier}`)}</td>
              <td className="mono">{(it.odds_ppm / (ODDS_SCALE / 100)).toFixed(4).replace(/\.?0+$/, '')} %</td>
              <td>{it.stock === null ? t('boxstudio.stock.unlimited') : t('boxstudio.stock.left', { remaining: it.remaining ?? it.stock, stock: it.stock })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="series-guarantee">
        {series.guarantee ? t('boxstudio.guarantee.shown', { after: series.guarantee.after, tier: t(`boxstudio.tier.${series.guarantee.tier}`) }) : t('boxstudio.guarantee.none')}
      </p>
      {current ? (
        <div className="field">
          <span className="field__label">{t('boxstudio.commitment')}</span>
          <code className="mono" data-testid="series-commitment" style={{ wordBreak: 'break-all' }}>
            {current.commitment}
          </code>
          <span className="muted field__help">{t('boxstudio.commitment.help')}</span>
        </div>
      ) : null}
      {series.seeds.length > 0 ? (
        <div>
          <h3>{t('boxstudio.seeds')}</h3>
          <ul style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 6 }}>
            {[...(current ? [current] : []), ...revealed].map((s) => (
              <li key={s.id} data-testid="series-seed" data-revealed={s.server_seed !== null} data-commitment={s.commitment}>
                <code className="mono" style={{ wordBreak: 'break-all' }}>{s.commitment}</code>
                <div className="muted">
                  {s.server_seed === null
                    ? t('boxstudio.seed.current', { count: s.openings })
                    : t('boxstudio.seed.revealed', { date: formatDateTime(s.revealed_at ?? s.committed_at, language), count: s.openings })}
                </div>
                {s.server_seed ? (
                  <div>
                    <span className="muted">{t('boxstudio.seed.value')} </span>
                    <code className="mono" data-testid="series-seed-value" style={{ wordBreak: 'break-all' }}>
                      {s.server_seed}
                    </code>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {series.status !== 'draft' && me === series.creator_id ? <SeriesDeliveries seriesId={series.id} /> : null}
      {action.error ? <FormError error={action.error} title={t('boxstudio.actionFailed')} testId="series-action-error" /> : null}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {series.status === 'draft' ? (
          <button type="button" className="btn btn--primary" disabled={action.busy} data-testid="series-open-sales" onClick={() => void run('openSales')}>
            {t('boxstudio.openSales')}
          </button>
        ) : null}
        {series.status === 'open' ? (
          <>
            <button type="button" className="btn btn--ghost" disabled={action.busy} data-testid="series-rotate" onClick={() => void run('rotate')}>
              {t('boxstudio.rotate')}
            </button>
            <button type="button" className="btn btn--danger" disabled={action.busy} data-testid="series-close" onClick={() => void run('close')}>
              {t('boxstudio.close')}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
