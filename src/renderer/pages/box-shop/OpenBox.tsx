import { useState } from 'react';
import type { OpeningView, SeriesView } from '../../../shared/boxes/wire.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { api, errorInfoOf } from '../../api/index.js';
import { BoxItemImage } from '../../components/BoxItemImage.js';
import { Dialog } from '../../components/Dialog.js';
import { Icon } from '../../components/Icon.js';
import { TierBadge } from '../../components/TierBadge.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { verifyOpening } from '../../stores/boxVerifyStore.js';
import { FormError } from '../partners/common.js';
import { OddsTable } from './OddsTable.js';

/** The box shakes at least this long, so the reveal reads as one; skipped for reduced motion. */
const SHAKE_MS = 1400;

type Phase =
  | { kind: 'notice'; requestId: string }
  | { kind: 'opening'; requestId: string }
  | { kind: 'failed'; requestId: string; error: ErrorInfo }
  | { kind: 'revealed'; opening: OpeningView };

function reducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** The cooling-off notice: what it costs, what is left today, a reminder, the odds one click away. */
function Notice({ series, onContinue, onCancel }: { series: SeriesView; onContinue: () => void; onCancel: () => void }) {
  const t = useT();
  const language = useLanguage();
  return (
    <Dialog
      title={t('shop.notice.title')}
      onClose={onCancel}
      testId="open-notice"
      className="dialog--wide"
      footer={
        <>
          <button type="button" className="btn btn--ghost" data-testid="open-notice-cancel" data-autofocus="" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" data-testid="open-notice-continue" onClick={onContinue}>
            {t('shop.notice.continue')}
          </button>
        </>
      }
    >
      <dl className="meta-list">
        <div className="meta-list__row">
          <dt>{t('shop.notice.price')}</dt>
          <dd data-testid="open-notice-price" data-value={series.price}>
            {t('boxes.credits', { count: formatCount(series.price, language) })}
          </dd>
        </div>
        <div className="meta-list__row">
          <dt>{t('shop.notice.remainingToday')}</dt>
          <dd data-testid="open-notice-remaining" data-value={series.mine?.remaining_today ?? ''}>
            {series.mine ? t('shop.remainingToday', { count: series.mine.remaining_today, limit: series.daily_limit }) : '—'}
          </dd>
        </div>
      </dl>
      <p className="box-banner box-banner--info" data-testid="open-notice-reminder">
        {t('shop.notice.reminder')}
      </p>
      <details className="odds-details" data-testid="open-notice-odds">
        <summary data-testid="open-notice-odds-toggle">{t('shop.notice.seeOdds')}</summary>
        <OddsTable series={series} />
      </details>
    </Dialog>
  );
}

/** The box shaking while the cloud draws, then opening on the item (or the sold-out refund). */
function Stage({ series, phase, onRetry, onClose }: { series: SeriesView; phase: Exclude<Phase, { kind: 'notice' }>; onRetry: () => void; onClose: () => void }) {
  const t = useT();
  const opening = phase.kind === 'revealed' ? phase.opening : null;
  const state = phase.kind === 'revealed' ? 'open' : phase.kind === 'failed' ? 'failed' : 'shaking';
  return (
    <Dialog
      title={t('shop.stage.title')}
      onClose={() => (phase.kind === 'opening' ? undefined : onClose())}
      testId="open-stage"
      footer={
        phase.kind === 'opening' ? null : (
          <>
            {phase.kind === 'failed' ? (
              <button type="button" className="btn btn--primary" data-testid="open-retry" onClick={onRetry}>
                <Icon name="retry" />
                {t('shop.stage.retry')}
              </button>
            ) : null}
            {opening ? (
              <button type="button" className="btn btn--ghost" data-testid="open-verify" onClick={() => verifyOpening(opening.id)}>
                <Icon name="check" />
                {t('shop.stage.verify')}
              </button>
            ) : null}
            <button type="button" className="btn btn--primary" data-testid="open-close" data-autofocus="" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        )
      }
    >
      <div className={`box-stage box-stage--${state}`} data-testid="open-box" data-state={state} aria-live="polite">
        <div className={opening ? `box-stage__box box-stage__box--${opening.tier}` : 'box-stage__box'} aria-hidden="true">
          <div className="box-stage__lid" />
          <div className="box-stage__body" />
        </div>
        {phase.kind === 'opening' ? <p className="muted">{t('shop.stage.opening')}</p> : null}
        {phase.kind === 'failed' ? <FormError error={phase.error} title={t('shop.stage.failed')} testId="open-error" /> : null}
        {opening ? <Reveal opening={opening} series={series} /> : null}
      </div>
    </Dialog>
  );
}

function Reveal({ opening, series }: { opening: OpeningView; series: SeriesView }) {
  const t = useT();
  if (opening.outcome === 'sold_out') {
    return (
      <div className="box-reveal box-reveal--sold-out" data-testid="open-result" data-outcome="sold_out" data-opening-id={opening.id} data-item-id={opening.item_id}>
        <p>{t('shop.stage.soldOut', { name: opening.item_name })}</p>
      </div>
    );
  }
  return (
    <div className={`box-reveal box-reveal--${opening.tier}`} data-testid="open-result" data-outcome="granted" data-opening-id={opening.id} data-item-id={opening.item_id} data-tier={opening.tier}>
      <BoxItemImage itemId={opening.item_id} hasImage={series.items.some((i) => i.id === opening.item_id && i.image_url !== null)} alt={opening.item_name} className="box-reveal__image" />
      <div className="box-reveal__name" data-testid="open-result-name">
        {opening.item_name}
      </div>
      <TierBadge tier={opening.tier} testId="open-result-tier" />
      {opening.guaranteed ? <p className="muted">{t('shop.stage.guaranteed')}</p> : null}
    </div>
  );
}

/**
 * "Open a box": the cooling-off notice, then boxes.open with one request id per click (a retry of a
 * failed call sends the same id, so the cloud answers the same purchase, charged once), the shaking box,
 * the reveal and the link to verify it.
 */
export function OpenBox({ series, clientSeed, disabled, onOpened }: { series: SeriesView; clientSeed: string; disabled: boolean; onOpened: () => void }) {
  const t = useT();
  const [phase, setPhase] = useState<Phase | null>(null);

  async function open(requestId: string) {
    setPhase({ kind: 'opening', requestId });
    const started = Date.now();
    const seed = clientSeed.trim();
    try {
      const opening = await api().call('boxes.open', { seriesId: series.id, requestId, noticeAcknowledged: true, ...(seed ? { clientSeed: seed } : {}) });
      const wait = reducedMotion() ? 0 : SHAKE_MS - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      setPhase({ kind: 'revealed', opening });
      onOpened();
    } catch (err) {
      setPhase({ kind: 'failed', requestId, error: errorInfoOf(err) });
    }
  }

  return (
    <>
      <button type="button" className="btn btn--primary btn--large" data-testid="open-box-button" disabled={disabled || phase !== null} onClick={() => setPhase({ kind: 'notice', requestId: crypto.randomUUID() })}>
        <Icon name="cube" />
        {t('shop.open')}
      </button>
      {phase?.kind === 'notice' ? <Notice series={series} onCancel={() => setPhase(null)} onContinue={() => void open(phase.requestId)} /> : null}
      {phase && phase.kind !== 'notice' ? <Stage series={series} phase={phase} onRetry={() => (phase.kind === 'failed' ? void open(phase.requestId) : undefined)} onClose={() => setPhase(null)} /> : null}
    </>
  );
}
