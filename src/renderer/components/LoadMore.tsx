import { useT } from '../i18n/index.js';

/** "Load more" under a list that pages by cursor. */
export function LoadMore({ testId, loading, onLoad }: { testId: string; loading: boolean; onLoad: () => void }) {
  const t = useT();
  return (
    <div className="load-more">
      <button type="button" className="btn btn--ghost" data-testid={testId} disabled={loading} onClick={onLoad}>
        {loading ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}
