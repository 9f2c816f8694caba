import type { ReactNode } from 'react';
import type { JobView } from '../../../shared/jobs/model.js';
import { api } from '../../api/index.js';
import { OpenLink } from '../../components/OpenLink.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatSeconds } from '../../lib/format.js';
import { baseName, composeResultOf, mediaUrlOf } from '../../lib/videoRender.js';
import { useSettingsStore } from '../../stores/settingsStore.js';

/** A file the render wrote: a link when it is inside the library, and its full path either way. */
function OutputFile({ label, file, url, testId }: { label: string; file: string; url: string | null; testId: string }) {
  return (
    <div className="meta-list__row">
      <dt>{label}</dt>
      <dd className="render-result__file">
        {url ? (
          <OpenLink file={file} download={baseName(file)} testId={testId} fallback={<span data-testid={testId}>{baseName(file)}</span>}>
            {baseName(file)}
          </OpenLink>
        ) : (
          <span data-testid={testId}>{baseName(file)}</span>
        )}
        <code className="render-result__path" title={file}>
          {file}
        </code>
      </dd>
    </div>
  );
}

function Player({ video, poster, children }: { video: string | null; poster: string | null; children: ReactNode }) {
  if (!video) return <>{children}</>;
  return (
    <video
      className="render-result__video"
      src={video}
      poster={poster ?? undefined}
      controls
      preload="metadata"
      playsInline
      data-testid="render-video"
    />
  );
}

/** The rendered video in a player, with its poster and subtitles. */
export function RenderResult({ job }: { job: JobView }) {
  const t = useT();
  const language = useLanguage();
  const libraryDir = useSettingsStore((s) => s.appInfo?.libraryDir ?? null);
  const result = composeResultOf(job.result);
  if (!result) return null;
  const mediaUrl = (p: string) => api().mediaUrl(p);
  const videoUrl = mediaUrlOf(libraryDir, result.output, mediaUrl);
  const posterUrl = mediaUrlOf(libraryDir, result.poster, mediaUrl);
  const srtUrl = result.srt ? mediaUrlOf(libraryDir, result.srt, mediaUrl) : null;
  return (
    <div className="render-result" data-testid="render-result">
      <h3 className="card__title">{t('video.result')}</h3>
      <Player video={videoUrl} poster={posterUrl}>
        <p className="muted">{t('video.result.outside')}</p>
      </Player>
      <p className="muted" data-testid="render-result-meta">
        {t('video.result.meta', {
          width: result.width,
          height: result.height,
          fps: result.fps,
          seconds: formatSeconds(result.durationSec, language),
          encoder: result.encoder,
        })}
      </p>
      <dl className="meta-list">
        <OutputFile label={t('video.result.video')} file={result.output} url={videoUrl} testId="render-output-link" />
        <OutputFile label={t('video.result.poster')} file={result.poster} url={posterUrl} testId="render-poster-link" />
        {result.srt ? (
          <OutputFile label={t('video.result.srt')} file={result.srt} url={srtUrl} testId="render-srt-link" />
        ) : (
          <div className="meta-list__row">
            <dt>{t('video.result.srt')}</dt>
            <dd className="muted">{t('video.result.noSrt')}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
