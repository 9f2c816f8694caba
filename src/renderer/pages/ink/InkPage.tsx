import { useEffect, useState } from 'react';
import { inkOptionsSchema, type InkOptions } from '../../../shared/ink/options.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { useInkStore } from '../../stores/inkStore.js';
import { InkOptionsForm } from './InkOptionsForm.js';
import { InkResult } from './InkResult.js';
import { SketchPicker } from './SketchPicker.js';

/**
 * 2D studio / AI Ink Assistant: pick a sketch (library or upload), set the
 * cleanup options, run; then compare before and after, look at the SVG
 * tracing, download PNG / SVG, and make a layered PSD.
 */
export function InkPage() {
  const t = useT();
  const load = useInkStore((s) => s.load);
  const runs = useInkStore((s) => s.runs);
  const selected = useInkStore((s) => s.selected);
  const select = useInkStore((s) => s.select);
  const start = useInkStore((s) => s.run);
  const error = useInkStore((s) => s.error);
  const [assetId, setAssetId] = useState<string | null>(null);
  const [options, setOptions] = useState<InkOptions>(() => inkOptionsSchema.parse({}));
  const [starting, setStarting] = useState(false);
  const shown = runs.find((r) => r.id === selected) ?? null;

  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);

  async function run() {
    if (!assetId) return;
    setStarting(true);
    try {
      await start(assetId, options);
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="page" data-testid="page-ink">
      <PageHeader title={t('ink.title')} subtitle={t('ink.intro')} />
      {error ? <ErrorPanel error={error} testId="ink-page-error" /> : null}
      <div className="ink-layout">
        <div className="ink-column">
          <SketchPicker chosen={assetId} onChoose={setAssetId} />
          <InkOptionsForm value={options} onChange={setOptions} />
          <button type="button" className="btn btn--primary" disabled={!assetId || starting} onClick={() => void run()} data-testid="ink-run">
            {t('ink.run')}
          </button>
        </div>
        <div className="ink-column">
          {shown ? <InkResult run={shown} /> : null}
          <div className="card ink-step">
            <h2 className="card__title">{t('ink.runs.heading')}</h2>
            {runs.length === 0 ? <p className="ink-muted">{t('ink.runs.empty')}</p> : null}
            <ul className="ink-runs">
              {runs.map((r) => (
                <li key={r.id}>
                  <button type="button" className={`ink-run${r.id === selected ? ' ink-run--shown' : ''}`} aria-label={t('ink.runs.open', { name: r.name })} onClick={() => select(r.id)} data-testid="ink-run-item">
                    <span>{r.name}</span>
                    <span className="ink-muted">{t(`ink.status.${r.status}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </section>
  );
}
