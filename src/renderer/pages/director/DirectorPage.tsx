import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { liveOf, useGenerateStore } from '../../stores/generateStore.js';
import { GenerateCanceled } from '../generate/GenerateCanceled.js';
import { GenerateFailure } from '../generate/GenerateFailure.js';
import { LiveWriting } from '../generate/LiveWriting.js';
import { ProjectList } from '../generate/ProjectList.js';
import { DirectorForm } from './DirectorForm.js';
import { ScriptEditor } from './ScriptEditor.js';

function SelectedVideo() {
  const t = useT();
  const project = useGenerateStore((s) => {
    const id = s.selected.video;
    const p = id ? s.projects[id] : undefined;
    return p?.kind === 'video' ? p : null;
  });
  const live = useGenerateStore((s) => (project ? liveOf(project, s.live) : null));
  if (!project) return <EmptyState icon="clapper" title={t('director.empty.title')} body={t('director.empty.body')} testId="director-empty" />;
  if (project.script) return <ScriptEditor key={project.id} project={project} script={project.script} />;
  if (project.status === 'failed' && project.error) return <GenerateFailure error={project.error} title={t('gen.failed')} />;
  if (project.status === 'canceled') return <GenerateCanceled />;
  return <LiveWriting title={t('director.writing')} live={live} waiting="" showPreview={false} testId="director-live" />;
}

/** Director: a topic becomes an editable script of scenes, then a video rendered scene by scene. */
export function DirectorPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-director">
      <PageHeader title={t('director.title')} subtitle={t('director.subtitle')} />
      <div className="gen-layout">
        <div className="gen-layout__main">
          <DirectorForm />
          <SelectedVideo />
        </div>
        <ProjectList kind="video" title={t('director.past')} />
      </div>
    </section>
  );
}
