import type { BatchItemView } from '../../../shared/api/kol-batch-contract.js';
import type { BatchView } from '../../../shared/kol/batch.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/index.js';
import { reasonText } from './plan.js';

/** One batch: its bar, totals and percentage as items end, its controls, and each item with its post or its reason. */
export function BatchCard({ batch, items, onAction, onToggle }: { batch: BatchView; items: BatchItemView[] | null; onAction: (action: 'pause' | 'resume' | 'cancel') => void; onToggle: () => void }) {
  const t = useT();
  const { totals } = batch;
  const open = batch.state === 'running' || batch.state === 'paused';
  return (
    <article className="card" data-testid={`kolbatch-${batch.id}`} data-state={batch.state}>
      <div className="card__head">
        <h3 className="card__title">{batch.title}</h3>
        <span className="muted" data-testid="kolbatch-state">
          {t(`kolbatch.state.${batch.state}`)}
        </span>
      </div>
      <ProgressBar value={totals.percent / 100} label={t('kolbatch.progress', { done: totals.succeeded + totals.failed, items: totals.items, percent: totals.percent })} testId="kolbatch-bar" />
      <p role="status" data-testid="kolbatch-totals">
        {t('kolbatch.progress', { done: totals.succeeded + totals.failed, items: totals.items, percent: totals.percent })} — {t('kolbatch.totals', { succeeded: totals.succeeded, failed: totals.failed, remaining: totals.remaining })}
      </p>
      <div className="card__actions">
        {batch.state === 'running' ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="kolbatch-pause" onClick={() => onAction('pause')}>
            <Icon name="stop" size={14} />
            {t('kolbatch.pause')}
          </button>
        ) : null}
        {batch.state === 'paused' ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="kolbatch-resume" onClick={() => onAction('resume')}>
            <Icon name="play" size={14} />
            {t('kolbatch.resume')}
          </button>
        ) : null}
        {open ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="kolbatch-cancel" onClick={() => onAction('cancel')}>
            <Icon name="close" size={14} />
            {t('kolbatch.cancel')}
          </button>
        ) : null}
        <button type="button" className="btn btn--ghost btn--small" aria-expanded={items !== null} data-testid="kolbatch-items-toggle" onClick={onToggle}>
          {items ? t('kolbatch.hideItems') : t('kolbatch.items')}
        </button>
      </div>
      {items ? (
        <ol className="list" data-testid="kolbatch-items">
          {items.map((item) => (
            <li key={item.index} data-testid={`kolbatch-item-${item.index}`} data-state={item.state}>
              <strong>{item.personaNickname}</strong> · {item.topic} — {t(`kolbatch.item.${item.state}`)}
              {item.state === 'succeeded' && item.postTitle ? <> · “{item.postTitle}”</> : null}
              {item.state === 'failed' && item.error ? (
                <span className="field__error">
                  {' '}
                  · {reasonText(item.error, t)} ({t('kolbatch.attempts', { count: item.attempts })})
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </article>
  );
}
