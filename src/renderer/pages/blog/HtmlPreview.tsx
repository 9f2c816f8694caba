import { useEffect, useState } from 'react';
import { libraryPathOf } from '../../../shared/paths.js';
import { api } from '../../api/index.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { withMediaUrls } from '../../lib/htmlPreview.js';
import { useSettingsStore } from '../../stores/settingsStore.js';

/**
 * The exported HTML page as readers will see it, cover included, in a sandboxed frame that runs no
 * scripts. It keeps the studio's origin (allow-same-origin) only so its images are same-site requests
 * that carry the bridge's SameSite=Strict media cookie; without allow-scripts nothing in it can use that.
 */
export function HtmlPreview({ file }: { file: string }) {
  const t = useT();
  const libraryDir = useSettingsStore((s) => s.appInfo?.libraryDir ?? null);
  const rel = libraryDir ? libraryPathOf(libraryDir, file) : null;
  const [state, setState] = useState<{ rel: string | null; doc: string | null; failed: boolean }>({ rel: null, doc: null, failed: false });
  useEffect(() => {
    if (!rel) return;
    let live = true;
    const mediaUrl = (p: string) => api().mediaUrl(p);
    fetch(mediaUrl(rel))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((html) => live && setState({ rel, doc: withMediaUrls(html, rel, mediaUrl), failed: false }))
      .catch(() => live && setState({ rel, doc: null, failed: true }));
    return () => {
      live = false;
    };
  }, [rel]);
  if (!rel || (state.rel === rel && state.failed)) return <p className="muted" data-testid="blog-html-preview-failed">{t('blog.articleFailed')}</p>;
  if (state.rel !== rel || state.doc === null) return <SkeletonRows rows={6} testId="blog-html-preview-loading" />;
  return <iframe className="blog-html-preview" title={t('uifix.blog.htmlPreview')} sandbox="allow-same-origin" srcDoc={state.doc} data-testid="blog-html-preview" />;
}
