import { PickedInputRow } from '../../components/LibraryPick.js';
import { SEO_LIMITS } from '../../../shared/generate/requests.js';
import type { BlogProject } from '../../../shared/generate/projects.js';
import { Icon } from '../../components/Icon.js';
import { OpenLink } from '../../components/OpenLink.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { baseName } from '../../lib/videoRender.js';
import { MediaImage, useMediaUrl } from '../generate/MediaImage.js';
import { ArticleText } from './ArticleText.js';
import { HtmlPreview } from './HtmlPreview.js';
import { SeoField } from './SeoField.js';

function FileLink({ label, url, file, testId }: { label: string; url: string | null; file: string; testId: string }) {
  const t = useT();
  return (
    <li className="gen-file">
      <span className="gen-file__label">{label}</span>
      {url ? (
        <>
          <OpenLink file={file} testId={`${testId}-open`}>
            <Icon name="external" size={14} /> {t('blog.open')}
          </OpenLink>
          <a href={url} download={baseName(file)} data-testid={`${testId}-download`}>
            {t('blog.download')}
          </a>
        </>
      ) : null}
      <code className="gen-file__path" title={file}>
        {baseName(file)}
      </code>
    </li>
  );
}

/** A finished article: SEO fields with counters, outline, the text, the cover and its files. */
export function BlogResultView({ project }: { project: BlogProject & { result: NonNullable<BlogProject['result']> } }) {
  const t = useT();
  const language = useLanguage();
  const mediaUrl = useMediaUrl();
  const r = project.result;
  return (
    <div className="gen-result" data-testid="blog-result">
      <section className="card">
        <div className="gen-result__head">
          <h2 className="card__title">{r.title}</h2>
          {r.draft ? <span className="badge badge--queued">{t('gen.draft')}</span> : null}
        </div>
        <p className="muted">{t('blog.stats', { length: formatCount(r.length, language), model: r.textModel, credits: formatCount(r.creditsUsed, language) })}</p>
        <SeoField label={t('blog.seoTitle')} value={r.title} max={SEO_LIMITS.title} testId="blog-seo-title" />
        <SeoField label={t('blog.meta')} value={r.metaDescription} max={SEO_LIMITS.metaDescription} testId="blog-seo-meta" />
        <dl className="meta-list">
          <div className="meta-list__row">
            <dt>{t('blog.keywords')}</dt>
            <dd className="gen-tags" data-testid="blog-keywords-result">
              {r.keywords.map((k) => (
                <span key={k} className="gen-tag">
                  {k}
                </span>
              ))}
            </dd>
          </div>
          <div className="meta-list__row">
            <dt>{t('blog.slug')}</dt>
            <dd>
              <code data-testid="blog-slug">{r.slug}</code>
            </dd>
          </div>
        </dl>
        <h3 className="gen-subtitle">{t('blog.outline')}</h3>
        <ol className="gen-outline" data-testid="blog-outline">
          {r.outline.map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ol>
      </section>
      {r.coverPath ? (
        <section className="card">
          <h3 className="card__title">{t('blog.coverImage')}</h3>
          <PickedInputRow libraryId={project.request.imageLibraryId} testId="blog-input-cover" />
          <MediaImage file={r.coverPath} alt={r.title} testId="blog-cover-image" />
        </section>
      ) : null}
      <section className="card">
        <h3 className="card__title">{t('blog.files')}</h3>
        <ul className="gen-files">
          <FileLink label={t('blog.markdown')} url={mediaUrl(r.markdownPath)} file={r.markdownPath} testId="blog-md" />
          <FileLink label={t('blog.html')} url={mediaUrl(r.htmlPath)} file={r.htmlPath} testId="blog-html" />
        </ul>
      </section>
      <section className="card gen-article">
        <h3 className="card__title">{t('blog.article')}</h3>
        <ArticleText url={mediaUrl(r.markdownPath)} />
      </section>
      <section className="card">
        <h3 className="card__title">{t('uifix.blog.htmlPreview')}</h3>
        <HtmlPreview file={r.htmlPath} />
      </section>
    </div>
  );
}
