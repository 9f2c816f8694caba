import type { PhotoMotionOutput, PhotoRunView } from '../../../shared/api/photo-contract.js';
import { api } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { fileName } from './share.js';

/**
 * The verdict of the check an image-to-video clip gets (the worker counts the
 * still's faces in frames spread over the clip). A failed check says so and
 * offers the local motion, which cannot change the people.
 */
function FaceCheck({ check, onUseLocal, busy }: { check: NonNullable<PhotoMotionOutput['faceCheck']>; onUseLocal: () => void; busy: boolean }) {
  const t = useT();
  if (check.ok) {
    return (
      <p className="muted" data-testid="photo-motion-faces" data-ok="true">
        <Icon name="check" size={14} /> {t('photo.motion.faces.ok', { expected: check.expected })}
      </p>
    );
  }
  return (
    <div className="error-panel" role="alert" data-testid="photo-motion-faces" data-ok="false">
      <p>{t('photo.motion.faces.failed', { expected: check.expected, found: check.found.join(', ') })}</p>
      <button type="button" className="btn btn--ghost btn--small" disabled={busy} data-testid="photo-motion-use-local" onClick={onUseLocal}>
        <Icon name="play" size={14} /> {t('photo.motion.faces.useLocal')}
      </button>
    </div>
  );
}

/** The clip and the Live Photo pair of a finished motion run, each to download, with the face check of an online clip. */
export function MotionResult({ run, onUseLocal, busy }: { run: PhotoRunView; onUseLocal: () => void; busy: boolean }) {
  const t = useT();
  const m = run.motion;
  if (!m) return null;
  return (
    <div className="photo-step" data-testid="photo-motion-result" data-backend={run.backend}>
      <video className="photo-motion__clip" src={api().mediaUrl(m.clip)} controls loop muted playsInline aria-label={t('photo.motion.clip')} data-testid="photo-motion-clip" />
      {m.faceCheck ? <FaceCheck check={m.faceCheck} onUseLocal={onUseLocal} busy={busy} /> : null}
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
