import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { useVideoStore } from '../../stores/videoStore.js';
import { Filmstrip } from './Filmstrip.js';
import { OpenError } from './OpenError.js';
import { RenderPanel } from './RenderPanel.js';
import { TimelineOpenForm } from './TimelineOpenForm.js';
import { TimelineSkeleton } from './TimelineSkeleton.js';
import { TimelineSummary } from './TimelineSummary.js';

/** The Video preview: open a timeline, see its scenes, render it and play the result. */
export function VideoPage() {
  const t = useT();
  const overview = useVideoStore((s) => s.overview);
  const opening = useVideoStore((s) => s.opening);
  const openError = useVideoStore((s) => s.openError);

  useEffect(() => {
    void useVideoStore.getState().restore();
  }, []);

  function body() {
    if (opening) return <TimelineSkeleton />;
    if (openError) return <OpenError error={openError} />;
    if (!overview) {
      return <EmptyState icon="film" title={t('video.empty.title')} body={t('video.empty.body')} testId="video-empty" />;
    }
    return (
      <div className="video-layout" data-testid="video-timeline">
        <div className="video-layout__main">
          <Filmstrip overview={overview} />
          <RenderPanel overview={overview} />
        </div>
        <TimelineSummary overview={overview} />
      </div>
    );
  }

  return (
    <section className="page" data-testid="page-video">
      <PageHeader title={t('video.title')} subtitle={t('video.subtitle')} />
      <TimelineOpenForm />
      {body()}
    </section>
  );
}
