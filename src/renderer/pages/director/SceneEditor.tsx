import { MOTIONS, TRANSITIONS } from '../../../shared/timeline.js';
import type { DirectorScene } from '../../../shared/generate/requests.js';
import type { VideoSceneState } from '../../../shared/generate/projects.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useT } from '../../i18n/index.js';
import type { JobLive } from '../../stores/generateStore.js';
import { MediaImage } from '../generate/MediaImage.js';
import { SceneStyle } from './SceneStyle.js';

/** The on-screen caption's limit in the editor (short enough to read in a vertical video). */
export const CAPTION_MAX = 40;

const STATE_BADGE: Record<VideoSceneState['status'], string> = {
  pending: 'badge--queued',
  rendering: 'badge--running',
  ready: 'badge--succeeded',
  failed: 'badge--failed',
};

interface SceneEditorProps {
  scene: DirectorScene;
  index: number;
  count: number;
  state: VideoSceneState | null;
  live: JobLive | null;
  locked: boolean;
  onChange: (scene: DirectorScene) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}

/** One scene of the script: every field editable, its render state, and buttons to move or delete it. */
export function SceneEditor({ scene, index, count, state, live, locked, onChange, onMove, onDelete }: SceneEditorProps) {
  const t = useT();
  const id = `scene-${index}`;
  const set = <K extends keyof DirectorScene>(key: K, value: DirectorScene[K]) => onChange({ ...scene, [key]: value });
  const captionCount = [...scene.caption].length;
  return (
    <li className="scene-edit" data-testid="director-scene" data-status={state?.status ?? 'pending'}>
      <div className="scene-edit__head">
        {state?.render?.kind === 'still' ? <MediaImage file={state.render.path} alt="" testId="director-scene-thumb" className="scene-edit__thumb" /> : null}
        <span className="scene-edit__title">{t('director.scene', { n: index + 1 })}</span>
        {state ? (
          <span className={`badge ${STATE_BADGE[state.status]}`} data-testid="director-scene-status">
            {t(`director.scene.${state.status}`)}
          </span>
        ) : null}
        <button type="button" className="icon-btn" aria-label={t('director.up')} title={t('director.up')} disabled={locked || index === 0} data-testid="director-scene-up" onClick={() => onMove(-1)}>
          <Icon name="arrowUp" />
        </button>
        <button type="button" className="icon-btn" aria-label={t('director.down')} title={t('director.down')} disabled={locked || index === count - 1} data-testid="director-scene-down" onClick={() => onMove(1)}>
          <Icon name="arrowDown" />
        </button>
        <button type="button" className="icon-btn" aria-label={t('director.delete')} title={t('director.delete')} disabled={locked || count <= 2} data-testid="director-scene-delete" onClick={onDelete}>
          <Icon name="trash" />
        </button>
      </div>
      {state?.status === 'rendering' ? <ProgressBar value={live?.progress ?? 0} label={t('director.scene.rendering')} testId="director-scene-progress" /> : null}
      {state?.status === 'failed' && state.error ? <p className="field__error">{state.error}</p> : null}
      {state ? <SceneStyle state={state} /> : null}
      <fieldset className="scene-edit__grid" disabled={locked}>
        <div className="field scene-edit__wide">
          <label className="field__label" htmlFor={`${id}-narration`}>
            {t('director.narration')}
          </label>
          <textarea id={`${id}-narration`} className="input" maxLength={400} value={scene.narration} data-testid="director-scene-narration" onChange={(e) => set('narration', e.target.value)} />
        </div>
        <div className="field scene-edit__wide">
          <label className="field__label" htmlFor={`${id}-caption`}>
            {t('director.caption')} <span className="muted" data-testid="director-scene-caption-count">{t('blog.counter', { count: captionCount, max: CAPTION_MAX })}</span>
          </label>
          <input id={`${id}-caption`} className={captionCount > CAPTION_MAX ? 'input input--invalid' : 'input'} value={scene.caption} data-testid="director-scene-caption" onChange={(e) => set('caption', e.target.value)} />
        </div>
        <div className="field scene-edit__wide">
          <label className="field__label" htmlFor={`${id}-visual`}>
            {t('director.visualPrompt')}
          </label>
          <textarea id={`${id}-visual`} className={scene.visualPrompt.trim().length < 3 ? 'input input--invalid' : 'input'} maxLength={600} value={scene.visualPrompt} data-testid="director-scene-visual" onChange={(e) => set('visualPrompt', e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-duration`}>
            {t('director.duration')}
          </label>
          <input id={`${id}-duration`} className="input" type="number" min={2} max={10} step={0.5} value={scene.duration} data-testid="director-scene-duration" onChange={(e) => set('duration', Number(e.target.value))} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-motion`}>
            {t('director.motion')}
          </label>
          <select id={`${id}-motion`} className="select" value={scene.motion} data-testid="director-scene-motion" onChange={(e) => set('motion', e.target.value as DirectorScene['motion'])}>
            {MOTIONS.map((m) => (
              <option key={m} value={m}>
                {t(`video.motion.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-transition`}>
            {t('director.transition')}
          </label>
          <select id={`${id}-transition`} className="select" value={scene.transition} data-testid="director-scene-transition" onChange={(e) => set('transition', e.target.value as DirectorScene['transition'])}>
            {TRANSITIONS.map((tr) => (
              <option key={tr} value={tr}>
                {t(`video.transition.${tr}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </li>
  );
}
