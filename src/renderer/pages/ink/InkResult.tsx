import { useId, useState } from 'react';
import type { InkRunView } from '../../../shared/api/ink-contract.js';
import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { useInkStore } from '../../stores/inkStore.js';

function fileName(libraryPath: string): string {
  return libraryPath.split('/').pop() ?? libraryPath;
}

/** Step 3: before/after, the SVG tracing, downloads, and the layered PSD on request. */
export function InkResult({ run }: { run: InkRunView }) {
  const t = useT();
  const psd = useInkStore((s) => s.psd);
  const [split, setSplit] = useState(50);
  const [paper, setPaper] = useState<'white' | 'sketch'>('white');
  const sliderId = useId();
  const paperId = useId();
  const r = run.result;
  const live = run.status === 'queued' || run.status === 'running';
  const psdBusy = run.psd?.status === 'queued' || run.psd?.status === 'running';
  return (
    <div className="card ink-step" data-testid="ink-result" data-status={run.status} data-name={run.name}>
      <h2 className="card__title">{t('ink.result.heading')}</h2>
      {live ? (
        <p role="status" data-testid="ink-running">
          {t('ink.running', { percent: Math.round(run.progress * 100) })}
        </p>
      ) : null}
      {run.error ? (
        <>
          <p>{t('ink.failed')}</p>
          <ErrorPanel error={run.error} testId="ink-error" />
        </>
      ) : null}
      {r ? (
        <>
          <figure className="ink-compare">
            <div className="ink-compare__stage">
              <img src={api().mediaUrl(r.png)} alt={t('ink.result.after')} className="ink-compare__img ink-checker" data-testid="ink-after" />
              <img
                src={api().mediaUrl(run.input)}
                alt={t('ink.result.before')}
                className="ink-compare__img ink-compare__img--before"
                style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
                data-testid="ink-before"
              />
            </div>
            <label className="visually-hidden" htmlFor={sliderId}>
              {t('ink.result.slider')}
            </label>
            <input id={sliderId} type="range" min={0} max={100} value={split} onChange={(e) => setSplit(Number(e.target.value))} className="ink-compare__range" />
          </figure>
          <p className="ink-muted" data-testid="ink-angle">
            {t('ink.result.angle', { angle: r.angle })} {t('ink.result.stats', { paths: r.paths, curves: r.curves })}
            {run.assets.lineArt ? ` ${t('ink.result.inLibrary')}` : ''}
          </p>
          <figure className="ink-svg">
            <figcaption className="field__label">{t('ink.result.svg')}</figcaption>
            <img src={api().mediaUrl(r.svg)} alt={t('ink.result.svg')} className="ink-checker" data-testid="ink-svg" />
          </figure>
          <div className="ink-step__row">
            <a className="btn btn--primary btn--small" href={api().mediaUrl(r.png)} download={fileName(r.png)} data-testid="ink-download-png">
              <Icon name="arrowDown" size={14} /> {t('ink.download.png')}
            </a>
            <a className="btn btn--ghost btn--small" href={api().mediaUrl(r.svg)} download={fileName(r.svg)} data-testid="ink-download-svg">
              <Icon name="arrowDown" size={14} /> {t('ink.download.svg')}
            </a>
          </div>
          <div className="ink-step__row">
            <label className="field__label" htmlFor={paperId}>
              {t('ink.psd.paper')}
            </label>
            <select id={paperId} className="select select--compact" value={paper} onChange={(e) => setPaper(e.target.value as 'white' | 'sketch')} data-testid="ink-paper">
              <option value="white">{t('ink.psd.paper.white')}</option>
              <option value="sketch">{t('ink.psd.paper.sketch')}</option>
            </select>
            {run.psd?.status === 'succeeded' && run.psd.file ? (
              <a className="btn btn--primary btn--small" href={api().mediaUrl(run.psd.file)} download={fileName(run.psd.file)} data-testid="ink-download-psd">
                <Icon name="arrowDown" size={14} /> {t('ink.download.psd')}
              </a>
            ) : (
              <button type="button" className="btn btn--ghost btn--small" disabled={psdBusy} onClick={() => void psd(run.id, paper)} data-testid="ink-make-psd">
                {psdBusy ? t('ink.psd.making') : t('ink.psd.make')}
              </button>
            )}
          </div>
          {run.psd?.preview ? <img src={api().mediaUrl(run.psd.preview)} alt="" className="ink-psd-preview" data-testid="ink-psd-preview" /> : null}
          {run.psd?.error ? (
            <>
              <p>{t('ink.psd.failed')}</p>
              <ErrorPanel error={run.psd.error} testId="ink-psd-error" />
            </>
          ) : null}
          <p className="ink-muted">{t('ink.psd.layers')}</p>
        </>
      ) : null}
    </div>
  );
}
