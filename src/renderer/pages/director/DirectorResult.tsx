import type { ComposeJobResult } from '../../../shared/jobs/kinds.js';
import { OpenLink } from '../../components/OpenLink.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatSeconds } from '../../lib/format.js';
import { baseName } from '../../lib/videoRender.js';
import { useMediaUrl } from '../generate/MediaImage.js';

/** The composed video in a player with its poster, and links to the files. */
export function DirectorResult({ output }: { output: ComposeJobResult }) {
  const t = useT();
  const language = useLanguage();
  const mediaUrl = useMediaUrl();
  const video = mediaUrl(output.output);
  const poster = mediaUrl(output.poster);
  const srt = mediaUrl(output.srt);
  const files = [
    { label: t('director.videoFile'), file: output.output, url: video, testId: 'director-video-link' },
    { label: t('director.poster'), file: output.poster, url: poster, testId: 'director-poster-link' },
    ...(output.srt ? [{ label: t('director.srt'), file: output.srt, url: srt, testId: 'director-srt-link' }] : []),
  ];
  return (
    <div className="gen-result" data-testid="director-result">
      <h3 className="card__title">{t('director.result')}</h3>
      {video ? <video className="director-video" src={video} poster={poster ?? undefined} controls preload="metadata" playsInline data-testid="director-video" /> : null}
      <p className="muted">{t('director.resultMeta', { width: output.width, height: output.height, seconds: formatSeconds(output.durationSec, language) })}</p>
      <ul className="gen-files">
        {files.map((f) => (
          <li key={f.testId} className="gen-file">
            <span className="gen-file__label">{f.label}</span>
            {f.url ? (
              <OpenLink file={f.file} download={baseName(f.file)} testId={f.testId}>
                {baseName(f.file)}
              </OpenLink>
            ) : (
              <code>{f.file}</code>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
