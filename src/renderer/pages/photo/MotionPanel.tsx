import { useState } from 'react';
import type { PhotoRunView } from '../../../shared/api/photo-contract.js';
import { EFFECTS, type Effect } from '../../../shared/motion.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { toastError } from '../../stores/toastStore.js';
import { EstimatePanel } from '../generate/EstimatePanel.js';
import { Segmented } from '../generate/fields.js';
import { named } from './RunFooter.js';
import { fileName } from './share.js';
import { usePhotoEstimate } from './usePhotoEstimate.js';

const EFFECT_KEYS = { fireworks: 'photo.motion.fireworks', lanterns: 'photo.motion.lanterns', snow: 'photo.motion.snow' } as const;

/** The clip and the Live Photo pair of a finished motion run, each to download. */
function MotionResult({ run }: { run: PhotoRunView }) {
  const t = useT();
  const m = run.motion;
  if (!m) return null;
  return (
    <div className="photo-step" data-testid="photo-motion-result">
      <video className="photo-motion__clip" src={api().mediaUrl(m.clip)} controls loop muted playsInline aria-label={t('photo.motion.clip')} data-testid="photo-motion-clip" />
      <div className="photo-actions">
        <a className="btn btn--ghost btn--small" href={api().mediaUrl(m.clip)} download={fileName(m.clip)} data-testid="photo-motion-download-clip">
          <Icon name="film" size={14} /> {t('photo.motion.downloadClip')}
        </a>
      </div>
      {m.livePhoto ? (
        <>
          <h4 className="photo-step__title">{t('photo.motion.livePhoto')}</h4>
          <p className="muted">{t('photo.motion.livePhotoBody')}</p>
          <div className="photo-actions">
            <a className="btn btn--ghost btn--small" href={api().mediaUrl(m.livePhoto.jpeg)} download={fileName(m.livePhoto.jpeg)} data-testid="photo-motion-download-jpeg">
              <Icon name="image" size={14} /> {t('photo.motion.downloadStill')}
            </a>
            <a className="btn btn--ghost btn--small" href={api().mediaUrl(m.livePhoto.mov)} download={fileName(m.livePhoto.mov)} data-testid="photo-motion-download-mov">
              <Icon name="video" size={14} /> {t('photo.motion.downloadMov')}
            </a>
          </div>
        </>
      ) : null}
    </div>
  );
}

/**
 * "Add motion" on the chosen photo: fireworks, lanterns or snow moving behind
 * people who stay still, as a 5 s clip and a Live Photo pair. Paid only: the
 * free tier says so instead of offering it.
 */
export function MotionPanel({ run, seed, suggested }: { run: PhotoRunView; seed: number; suggested: Effect }) {
  const t = useT();
  const [effect, setEffect] = useState<Effect>(suggested);
  const [starting, setStarting] = useState(false);
  const motion = usePhotoStore((s) => {
    const id = s.runOrder.find((r) => s.runs[r]?.kind === 'motion' && s.runs[r]?.sourceRun === run.id);
    return id ? s.runs[id]! : null;
  });
  const runReceived = usePhotoStore((s) => s.runReceived);
  const free = run.tier === 'free';
  const request = { source: { run: run.id, seed }, effect, tier: 'paid' as const };
  const estimate = usePhotoEstimate(free ? null : { kind: 'motion', request });
  const busy = starting || motion?.status === 'queued' || motion?.status === 'running';

  async function start() {
    setStarting(true);
    try {
      runReceived(await api().call('photo.motion', request));
    } catch (err) {
      toastError(errorInfoOf(err));
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="card photo-step" aria-labelledby="photo-motion-title" data-testid="photo-motion">
      <h3 className="photo-step__title" id="photo-motion-title">
        {t('photo.motion')}
      </h3>
      {free ? (
        <p className="muted" data-testid="photo-motion-free">
          {t('photo.motion.free')}
        </p>
      ) : (
        <>
          <p className="muted">{t('photo.motion.body', { seconds: PHOTO_LIMITS.motionSeconds })}</p>
          <Segmented label={t('photo.motion.effect')} testId="photo-motion-effect" value={effect} onChange={setEffect} options={EFFECTS.map((e) => ({ value: e, label: t(EFFECT_KEYS[e]) }))} />
          <EstimatePanel state={named(estimate, t)} testId="photo-motion-estimate" />
          <div className="photo-actions">
            <button type="button" className="btn btn--primary" disabled={busy} data-testid="photo-motion-run" onClick={() => void start()}>
              <Icon name="play" size={14} /> {t('photo.motion.run', { effect: t(EFFECT_KEYS[effect]) })}
            </button>
          </div>
          {motion && busy ? <ProgressBar value={motion.progress} label={t('photo.motion.working')} testId="photo-motion-progress" /> : null}
          {motion?.status === 'failed' && motion.error ? (
            <div className="error-panel" role="alert" data-testid="photo-motion-error">
              <ErrorText error={motion.error} />
            </div>
          ) : null}
          {motion?.status === 'succeeded' ? <MotionResult run={motion} /> : null}
        </>
      )}
    </section>
  );
}
