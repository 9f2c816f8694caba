import type { SceneOverview } from '../../../shared/api/contract.js';
import type { AssetView } from '../../../shared/library.js';
import type { Motion } from '../../../shared/timeline.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { formatSeconds } from '../../lib/format.js';
import { errorDetail } from '../../lib/serverText.js';
import { baseName } from '../../lib/videoRender.js';
import { SceneThumb } from './SceneThumb.js';

const MOTION_KEYS: Record<Motion, MessageKey> = {
  none: 'video.motion.none',
  'zoom-in': 'video.motion.zoom-in',
  'zoom-out': 'video.motion.zoom-out',
  'pan-left': 'video.motion.pan-left',
  'pan-right': 'video.motion.pan-right',
};

function motionKey(motion: string): MessageKey | null {
  return Object.prototype.hasOwnProperty.call(MOTION_KEYS, motion) ? MOTION_KEYS[motion as Motion] : null;
}

interface SceneCardProps {
  scene: SceneOverview;
  asset: AssetView | null;
  /** The output frame's aspect, as CSS `aspect-ratio`. */
  frame: string;
}

/** One scene of the filmstrip; a scene whose file is missing is marked and says why. */
export function SceneCard({ scene, asset, frame }: SceneCardProps) {
  const t = useT();
  const language = useLanguage();
  const missing = scene.assetId === null;
  const motion = motionKey(scene.motion);
  // Why the file was refused, in the user's language (null in Chinese for an error that has no key: the title says enough).
  const problem = scene.problem ? errorDetail(scene.problem, t, language) : null;
  return (
    <li
      className={missing ? 'scene-card scene-card--missing' : 'scene-card'}
      data-testid="scene-card"
      data-index={scene.index}
      data-missing={missing ? 'true' : 'false'}
    >
      <div className="scene-card__media" style={{ aspectRatio: frame }}>
        <SceneThumb scene={scene} asset={asset} />
        <span className="scene-card__number">{scene.index + 1}</span>
        <span className="scene-card__duration" data-testid="scene-duration">
          {t('video.seconds', { seconds: formatSeconds(scene.duration, language) })}
        </span>
      </div>
      <div className="scene-card__info">
        <span className="scene-card__source" title={scene.source}>
          <Icon name={scene.kind} size={14} />
          {baseName(scene.source)}
        </span>
        {scene.kind === 'image' && motion ? <span className="scene-card__motion muted">{t(motion)}</span> : null}
        {missing ? (
          <p className="scene-card__problem" role="note" data-testid="scene-missing">
            <Icon name="warning" size={14} />
            <span>
              <strong>{t('video.scene.missing')}</strong>
              {problem ? <span className="scene-card__problem-text">{problem}</span> : null}
            </span>
          </p>
        ) : null}
        <p className={scene.caption ? 'scene-card__caption' : 'scene-card__caption muted'} data-testid="scene-caption">
          {scene.caption ?? t('video.scene.noCaption')}
        </p>
      </div>
    </li>
  );
}
