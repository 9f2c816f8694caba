import { useState } from 'react';
import type { VideoProject } from '../../../shared/generate/projects.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { useGenerateStore } from '../../stores/generateStore.js';
import { costLineLabel } from '../generate/EstimatePanel.js';
import { GenerateCanceled } from '../generate/GenerateCanceled.js';
import { GenerateFailure } from '../generate/GenerateFailure.js';
import { DirectorResult } from './DirectorResult.js';

/** What rendering would cost now (only the scenes that need it), the Render button, progress and the video. */
export function RenderBar({ project, dirty }: { project: VideoProject; dirty: boolean }) {
  const t = useT();
  const language = useLanguage();
  const composeLive = useGenerateStore((s) => (project.status === 'composing' && project.composeJobId ? (s.live[project.composeJobId] ?? null) : null));
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const busy = project.status === 'rendering' || project.status === 'composing';
  const estimate = project.renderEstimate;
  const todo = project.scenes.filter((s) => !(s.status === 'ready' && s.renderedHash === s.hash)).length;
  const cost = !estimate || estimate.total === 0 ? t('gen.estimate.free') : t('gen.estimate.credits', { count: formatCount(estimate.total, language) });

  async function render() {
    setStarting(true);
    setError(null);
    try {
      useGenerateStore.getState().received(await api().call('video.render', { id: project.id }));
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="card" data-testid="director-render" data-status={project.status}>
      <div className="director-bar">
        <div>
          <p data-testid="director-render-cost">{todo > 0 ? t('director.renderCost', { cost }) : t('director.renderNothing')}</p>
          {estimate && estimate.lines.length ? (
            <ul className="estimate__lines">
              {estimate.lines.map((line) => (
                <li key={line.label}>
                  {costLineLabel(line, t)}: {formatCount(line.credits, language)}
                </li>
              ))}
            </ul>
          ) : null}
          {dirty ? <p className="muted">{t('director.saveFirst')}</p> : null}
        </div>
        <button type="button" className="btn btn--primary" disabled={dirty || busy || starting} data-testid="director-render-start" onClick={() => void render()}>
          <Icon name="play" />
          {t('director.render')}
        </button>
      </div>
      {project.status === 'composing' ? (
        <div data-testid="director-composing">
          <p className="muted">{t('director.composing')}</p>
          <ProgressBar value={composeLive?.progress ?? 0} label={t('director.composing')} testId="director-compose-progress" />
        </div>
      ) : null}
      {error ? <GenerateFailure error={error} title={t('gen.startFailed')} /> : null}
      {project.status === 'failed' && project.error ? <GenerateFailure error={project.error} title={t('gen.failed')} /> : null}
      {project.status === 'canceled' ? <GenerateCanceled /> : null}
      {project.status === 'ready' && project.output ? <DirectorResult output={project.output} /> : null}
    </section>
  );
}
