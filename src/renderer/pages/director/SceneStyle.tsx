import type { VideoSceneState } from '../../../shared/generate/projects.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useT } from '../../i18n/index.js';

/**
 * A scene's render scored against the video's locked style (the Style-Locker's
 * consistency score): a still's score, or a clip's — its lowest sampled
 * frame's, the mean of its frames beside it, and each frame's score to show
 * where it drifted — or, for a clip that could not be decoded, why it has none.
 */
export function SceneStyle({ state }: { state: VideoSceneState }) {
  const t = useT();
  const { styleScore: score, styleUnscored: unscored } = state;
  if (score) {
    const clip = !!score.frames;
    return (
      <p className="scene-edit__style" data-testid="director-scene-style" data-drift={score.drift} data-kind={clip ? 'clip' : 'still'}>
        <span data-testid="director-scene-style-score">
          {clip && score.meanScore !== undefined ? t('director.clipScore', { score: score.score, mean: score.meanScore }) : t('director.styleScore', { score: score.score })}
        </span>{' '}
        {score.drift ? <span className="badge badge--warn">{t('style.drift')}</span> : <span className="badge badge--ok">{t('style.inStyle')}</span>}{' '}
        <span className="muted">{score.drift ? t(clip ? 'director.clipDriftHint' : 'director.styleDriftHint') : t('style.parts', { ...score.parts })}</span>
        {score.frames ? (
          <span className="muted" data-testid="director-scene-style-frames">
            {' '}
            {t('director.clipFrames', { frames: score.frames.map((f) => t('director.clipFrame', { at: f.atSec, score: f.score })).join(' · ') })}
          </span>
        ) : null}
      </p>
    );
  }
  if (unscored) {
    return (
      <div className="scene-edit__style" data-testid="director-scene-style-unscored">
        <span className="badge badge--warn">{t('director.styleUnscored')}</span>
        <ErrorText error={unscored.error} messageTestId="director-scene-style-reason" />
      </div>
    );
  }
  return null;
}
