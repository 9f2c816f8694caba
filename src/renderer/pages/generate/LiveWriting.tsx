import { ProgressBar } from '../../components/ProgressBar.js';
import type { JobLive } from '../../stores/generateStore.js';
import { MarkdownView } from './MarkdownView.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { progressText } from '../../lib/serverText.js';

/** A job at work: its progress and, for an article, the text so far. */
export function LiveWriting({ title, live, waiting, showPreview, testId }: { title: string; live: JobLive | null; waiting: string; showPreview: boolean; testId: string }) {
  const t = useT();
  const language = useLanguage();
  const message = progressText(live?.message ?? null, t, language);
  return (
    <section className="card gen-live" data-testid={testId} aria-busy="true">
      <h2 className="card__title">
        <span className="spinner" aria-hidden="true" /> {title}
      </h2>
      <ProgressBar value={live?.progress ?? 0} label={title} testId={`${testId}-progress`} />
      {message ? <p className="muted" data-testid={`${testId}-message`}>{message}</p> : null}
      {showPreview ? (
        live?.preview ? (
          <div className="gen-live__preview">
            <MarkdownView source={live.preview} testId={`${testId}-preview`} />
          </div>
        ) : (
          <p className="muted">{waiting}</p>
        )
      ) : null}
    </section>
  );
}
