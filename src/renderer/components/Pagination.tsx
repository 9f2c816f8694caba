import { useT } from '../i18n/index.js';

export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" data-testid="pagination">
      <button type="button" className="btn btn--ghost btn--small" disabled={page <= 0} data-testid="page-prev" onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span className="pagination__label">{t('common.pageOf', { page: page + 1, pages })}</span>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        disabled={page >= pages - 1}
        data-testid="page-next"
        onClick={() => onPage(page + 1)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}
