import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { liveOf, useGenerateStore } from '../../stores/generateStore.js';
import { GenerateCanceled } from '../generate/GenerateCanceled.js';
import { GenerateFailure } from '../generate/GenerateFailure.js';
import { LiveWriting } from '../generate/LiveWriting.js';
import { ProjectList } from '../generate/ProjectList.js';
import { BlogForm } from './BlogForm.js';
import { BlogResultView } from './BlogResultView.js';

/** The chosen article: being written (live preview), failed, or done. */
function SelectedArticle() {
  const t = useT();
  const project = useGenerateStore((s) => {
    const id = s.selected.blog;
    const p = id ? s.projects[id] : undefined;
    return p?.kind === 'blog' ? p : null;
  });
  const live = useGenerateStore((s) => (project ? liveOf(project, s.live) : null));
  if (!project) return <EmptyState icon="article" title={t('blog.empty.title')} body={t('blog.empty.body')} testId="blog-empty" />;
  if (project.status === 'failed' && project.error) return <GenerateFailure error={project.error} title={t('gen.failed')} />;
  if (project.status === 'canceled') return <GenerateCanceled />;
  if (project.status === 'ready' && project.result) return <BlogResultView project={{ ...project, result: project.result }} />;
  return <LiveWriting title={t('blog.writing')} live={live} waiting={t('blog.previewWaiting')} showPreview testId="blog-live" />;
}

/** Blog: an SEO article from a topic, with the cost first and a live preview while it is written. */
export function BlogPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-blog">
      <PageHeader title={t('blog.title')} subtitle={t('blog.subtitle')} />
      <div className="gen-layout">
        <div className="gen-layout__main">
          <BlogForm />
          <SelectedArticle />
        </div>
        <ProjectList kind="blog" title={t('blog.past')} />
      </div>
    </section>
  );
}
