import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { liveOf, useGenerateStore } from '../../stores/generateStore.js';
import { GenerateCanceled } from '../generate/GenerateCanceled.js';
import { GenerateFailure } from '../generate/GenerateFailure.js';
import { LiveWriting } from '../generate/LiveWriting.js';
import { ProjectList } from '../generate/ProjectList.js';
import { SocialForm } from './SocialForm.js';
import { SocialResultView } from './SocialResultView.js';

function SelectedPost() {
  const t = useT();
  const project = useGenerateStore((s) => {
    const id = s.selected.social;
    const p = id ? s.projects[id] : undefined;
    return p?.kind === 'social' ? p : null;
  });
  const live = useGenerateStore((s) => (project ? liveOf(project, s.live) : null));
  if (!project) return <EmptyState icon="share" title={t('social.empty.title')} body={t('social.empty.body')} testId="social-empty" />;
  if (project.status === 'failed' && project.error) return <GenerateFailure error={project.error} title={t('gen.failed')} />;
  if (project.status === 'canceled') return <GenerateCanceled />;
  if (project.status === 'ready' && project.result) return <SocialResultView key={project.id} project={{ ...project, result: project.result }} />;
  return <LiveWriting title={t('social.writing')} live={live} waiting="" showPreview={false} testId="social-live" />;
}

/** Social: a post tuned to one platform, three captions to choose from and an image. */
export function SocialPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-social">
      <PageHeader title={t('social.title')} subtitle={t('social.subtitle')} />
      <div className="gen-layout">
        <div className="gen-layout__main">
          <SocialForm />
          <SelectedPost />
        </div>
        <ProjectList kind="social" title={t('social.past')} />
      </div>
    </section>
  );
}
