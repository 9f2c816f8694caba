import { useState } from 'react';
import type { Effect } from '../../../shared/motion.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { ErrorText } from '../../components/ErrorText.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { toastError } from '../../stores/toastStore.js';
import { BeforeAfter } from './BeforeAfter.js';
import { ChosenPhoto } from './ChosenPhoto.js';
import { keyText } from './photoText.js';
import { fileName } from './share.js';
import { VariantChooser } from './VariantChooser.js';

/**
 * One run of a tool as it goes: progress, then the 2×2 chooser (or the one
 * free variant, or the repair's before/after), the variants that failed and
 * why, and the chosen one full size.
 */
export function RunPanel({ runId, suggested }: { runId: string; suggested: Effect }) {
  const t = useT();
  const run = usePhotoStore((s) => s.runs[runId]);
  const choose = usePhotoStore((s) => s.choose);
  // The chooser shows until a variant is picked here; a run opened with one already chosen opens on it.
  const [open, setOpen] = useState(true);
  if (!run) return null;
  const chosen = run.variants.find((v) => v.seed === run.chosenSeed) ?? (run.variants.length === 1 ? run.variants[0] : undefined);

  function pick(seed: number) {
    setOpen(true);
    choose(runId, seed).catch((err: unknown) => toastError(errorInfoOf(err)));
  }

  return (
    <section className="card photo-step" aria-labelledby={`photo-run-${run.id}`} data-testid="photo-run" data-run-id={run.id} data-status={run.status} data-kind={run.kind}>
      <h3 className="photo-step__title" id={`photo-run-${run.id}`}>
        {run.kind === 'repair' ? t('photo.repair.slider') : t('photo.results')}
      </h3>
      {run.status === 'queued' || run.status === 'running' ? (
        <div aria-live="polite">
          <p className="muted">{run.status === 'queued' ? t('photo.run.queued') : t('photo.run.working')}</p>
          <ProgressBar value={run.progress} label={t('photo.run.working')} testId="photo-run-progress" />
        </div>
      ) : null}
      {run.status === 'failed' && run.error ? (
        <div className="error-panel" role="alert" data-testid="photo-run-error">
          <h4 className="error-panel__title">
            {t('photo.run.failed')} — {errorTitle(run.error, t)}
          </h4>
          <ErrorText error={run.error} />
        </div>
      ) : null}
      {run.failures.length > 0 ? (
        <ul className="photo-upload__issues" data-testid="photo-run-failures">
          {run.failures.map((f) => (
            <li key={f.seed}>{t('photo.run.variantFailed', { seed: f.seed, reason: keyText(f.key, f.params, t).text ?? f.key })}</li>
          ))}
        </ul>
      ) : null}
      {run.kind === 'repair' && run.repair && run.status === 'succeeded' ? (
        <>
          {run.repair.before ? <BeforeAfter before={run.repair.before} after={run.repair.after} /> : null}
          <div className="photo-actions">
            <a className="btn btn--primary btn--small" href={api().mediaUrl(run.repair.after)} download={fileName(run.repair.after)} data-testid="photo-repair-download">
              <Icon name="arrowDown" size={14} /> {t('photo.repair.download')}
            </a>
          </div>
        </>
      ) : null}
      {run.kind !== 'repair' && run.variants.length > 1 && !(chosen && open) ? <VariantChooser variants={run.variants} chosen={run.chosenSeed} onChoose={pick} /> : null}
      {run.kind !== 'repair' && chosen && open ? <ChosenPhoto run={run} variant={chosen} suggested={suggested} onBack={() => setOpen(false)} /> : null}
    </section>
  );
}
