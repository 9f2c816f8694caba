import { useEffect, useState } from 'react';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { MarkdownView } from '../generate/MarkdownView.js';

/** The article's Markdown file, read from the library and shown as text. */
export function ArticleText({ url }: { url: string | null }) {
  const t = useT();
  const [state, setState] = useState<{ url: string | null; text: string | null; failed: boolean }>({ url: null, text: null, failed: false });
  useEffect(() => {
    if (!url) return;
    let live = true;
    fetch(url)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((text) => live && setState({ url, text, failed: false }))
      .catch(() => live && setState({ url, text: null, failed: true }));
    return () => {
      live = false;
    };
  }, [url]);
  if (!url || (state.url === url && state.failed)) return <p className="muted" data-testid="blog-article-failed">{t('blog.articleFailed')}</p>;
  if (state.url !== url || state.text === null) return <SkeletonRows rows={6} testId="blog-article-loading" />;
  return <MarkdownView source={state.text} testId="blog-article" />;
}
