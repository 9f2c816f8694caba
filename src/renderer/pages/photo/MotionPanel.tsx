import { useState } from 'react';
import type { PhotoMotionRequest, PhotoRunView } from '../../../shared/api/photo-contract.js';
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
import { useProviderChoices } from '../generate/useProviderChoices.js';
import { BackendPicker } from './BackendPicker.js';
import { MotionResult } from './MotionResult.js';
import { MOTION_CHOICES, settledBackend } from './photoBackends.js';
import { named } from './RunFooter.js';
import { usePhotoEstimate } from './usePhotoEstimate.js';

const EFFECT_KEYS = { fireworks: 'photo.motion.fireworks', lanterns: 'photo.motion.lanterns', snow: 'photo.motion.snow' } as const;

/**
 * "Add motion" on the chosen photo: fireworks, lanterns or snow moving behind
 * people who stay still, as a 5 s clip and a Live Photo pair — drawn on this
 * machine behind the people mask, or made by an image-to-video model (Kling,
 * Veo, Seedance; KingJam Cloud credits or the user's own key) asked for
 * minimal motion and checked against the still. Paid only: the free tier says
 * so instead of offering it.
 */
export function MotionPanel({ run, seed, suggested }: { run: PhotoRunView; seed: number; suggested: Effect }) {
  const t = useT();
  const statuses = useProviderChoices();
  const [effect, setEffect] = useState<Effect>(suggested);
  const [picked, setPicked] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const motion = usePhotoStore((s) => {
    const id = s.runOrder.find((r) => s.runs[r]?.kind === 'motion' && s.runs[r]?.sourceRun === run.id);
    return id ? s.runs[id]! : null;
  });
  const runReceived = usePhotoStore((s) => s.runReceived);
  const free = run.tier === 'free';
  const backend = settledBackend(picked, MOTION_CHOICES, statuses);
  const request = { source: { run: run.id, seed }, effect, backend: backend.backend, via: backend.via, tier: 'paid' as const };
  const estimate = usePhotoEstimate(free ? null : { kind: 'motion', request });
  const busy = starting || motion?.status === 'queued' || motion?.status === 'running';

  async function start(req: Pick<PhotoMotionRequest, 'source' | 'effect' | 'backend' | 'via' | 'tier'>) {
    setStarting(true);
    try {
      runReceived(await api().call('photo.motion', req));
    } catch (err) {
      toastError(errorInfoOf(err));
    } finally {
      setStarting(false);
    }
  }

  /** After a failed face check: the same effect drawn locally, where the people mask keeps everyone as they are. */
  function switchToLocal() {
    setPicked('local');
    void start({ ...request, backend: 'local', via: 'cloud' });
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
          <BackendPicker id="photo-motion-backend" value={backend} choices={MOTION_CHOICES} statuses={statuses} onChange={(c) => setPicked(c.value)} />
          <p className="muted" data-testid="photo-motion-note">
            {t(backend.backend === 'local' ? 'photo.motion.localNote' : 'photo.motion.onlineNote')}
          </p>
          <EstimatePanel state={named(estimate, t)} testId="photo-motion-estimate" />
          <div className="photo-actions">
            <button type="button" className="btn btn--primary" disabled={busy} data-testid="photo-motion-run" onClick={() => void start(request)}>
              <Icon name="play" size={14} /> {t('photo.motion.run', { effect: t(EFFECT_KEYS[effect]) })}
            </button>
          </div>
          {motion && busy ? <ProgressBar value={motion.progress} label={t('photo.motion.working')} testId="photo-motion-progress" /> : null}
          {motion?.status === 'failed' && motion.error ? (
            <div className="error-panel" role="alert" data-testid="photo-motion-error">
              <ErrorText error={motion.error} />
            </div>
          ) : null}
          {motion?.status === 'succeeded' ? <MotionResult run={motion} onUseLocal={switchToLocal} busy={busy} /> : null}
        </>
      )}
    </section>
  );
}
