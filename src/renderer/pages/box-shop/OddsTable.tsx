import type { SeriesView } from '../../../shared/boxes/wire.js';
import { Dialog } from '../../components/Dialog.js';
import { TierBadge } from '../../components/TierBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { currentSeed, formatOdds, guaranteeWithin } from '../../lib/boxes.js';
import { formatCount } from '../../lib/format.js';

/** The guarantee (保底) stated with the odds, and how far the buyer is from it. */
function GuaranteeLine({ series }: { series: SeriesView }) {
  const t = useT();
  const g = series.guarantee;
  if (!g) {
    return (
      <p className="muted" data-testid="odds-guarantee" data-after="">
        {t('shop.odds.noGuarantee')}
      </p>
    );
  }
  const tier = t(`boxes.tier.${g.tier}`);
  return (
    <div className="odds-guarantee" data-testid="odds-guarantee" data-after={g.after} data-tier={g.tier}>
      <p>
        <strong>{t('shop.odds.guarantee', { tier, count: g.after })}</strong>
      </p>
      {series.mine ? (
        <p data-testid="odds-since-guaranteed" data-count={series.mine.since_guaranteed}>
          {t('shop.odds.since', { tier, count: series.mine.since_guaranteed, within: guaranteeWithin(g, series.mine.since_guaranteed) })}
        </p>
      ) : null}
    </div>
  );
}

/** The published seed commitment and what it means. */
function Commitment({ series }: { series: SeriesView }) {
  const t = useT();
  const seed = currentSeed(series.seeds);
  return (
    <div className="odds-commitment" data-testid="odds-commitment-block">
      <h4>{t('shop.odds.commitment')}</h4>
      {seed ? (
        <code className="mono break-all" data-testid="odds-commitment">
          {seed.commitment}
        </code>
      ) : (
        <p className="muted" data-testid="odds-commitment-none">
          {t('shop.odds.noCommitment')}
        </p>
      )}
      <p className="muted">{t('shop.odds.commitmentHelp')}</p>
    </div>
  );
}

/** Every item with its tier, exact odds (four decimals) and remaining stock; the guarantee; the seed commitment. */
export function OddsTable({ series }: { series: SeriesView }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="odds" data-testid="odds-table">
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('shop.odds.item')}</th>
              <th>{t('shop.odds.tier')}</th>
              <th className="num">{t('shop.odds.odds')}</th>
              <th className="num">{t('shop.odds.remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {series.items.map((item) => (
              <tr key={item.id} data-testid="odds-row" data-item-id={item.id} data-tier={item.tier} data-ppm={item.odds_ppm}>
                <td data-testid="odds-item">{item.name}</td>
                <td>
                  <TierBadge tier={item.tier} />
                </td>
                <td className="num" data-testid="odds-percent">
                  {formatOdds(item.odds_ppm)} %
                </td>
                <td className="num" data-testid="odds-remaining" data-remaining={item.remaining ?? ''}>
                  {item.remaining === null ? t('shop.odds.unlimited') : t('shop.odds.stock', { remaining: formatCount(item.remaining, language), stock: formatCount(item.stock ?? item.remaining, language) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <GuaranteeLine series={series} />
      <Commitment series={series} />
    </div>
  );
}

/** The odds in a dialog: one click from a shop card or the purchase notice. */
export function OddsDialog({ series, onClose }: { series: SeriesView; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog
      title={t('shop.odds.title', { title: series.title })}
      onClose={onClose}
      testId="odds-dialog"
      className="dialog--wide"
      footer={
        <button type="button" className="btn btn--primary" data-autofocus="" data-testid="odds-dialog-close" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <OddsTable series={series} />
    </Dialog>
  );
}
