import { useEffect, useRef } from 'react';
import { setPageShortcuts } from '../../hooks/useGlobalShortcuts.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Pagination } from '../../components/Pagination.js';
import { useT } from '../../i18n/index.js';
import { openImportPicker } from '../../lib/importPicker.js';
import { LIBRARY_PAGE_SIZE, selectedAsset, useLibraryStore } from '../../stores/libraryStore.js';
import { useImportStore } from '../../stores/importStore.js';
import { AssetDetail } from './AssetDetail.js';
import { AssetGrid, AssetGridSkeleton } from './AssetGrid.js';
import { confirmAndDeleteAsset } from './deleteAsset.js';
import { LibraryToolbar } from './LibraryToolbar.js';
import { CleanupPreview } from './CleanupPreview.js';

export function LibraryPage() {
  const t = useT();
  const searchRef = useRef<HTMLInputElement>(null);
  const { items, total, loading, error, query, selectedId, load, select, setPage } = useLibraryStore();
  const selected = useLibraryStore(selectedAsset);
  const uploading = useImportStore((s) => s.uploading);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(
    () =>
      setPageShortcuts({
        deleteSelected: () => {
          const asset = selectedAsset(useLibraryStore.getState());
          if (asset) void confirmAndDeleteAsset(asset);
        },
        focusSearch: () => searchRef.current?.focus(),
        clearSelection: () => useLibraryStore.getState().select(null),
      }),
    [],
  );

  const filtered = query.kind !== null || query.origin !== null || query.search.trim() !== '' || query.starred;
  const pages = Math.ceil(total / LIBRARY_PAGE_SIZE);

  function body() {
    if (error && items.length === 0) return <ErrorPanel error={error} onRetry={() => void load()} />;
    if (loading) return <AssetGridSkeleton />;
    if (items.length === 0) {
      return filtered ? (
        <EmptyState icon="search" title={t('library.noMatch.title')} body={t('library.noMatch.body')} testId="library-no-match" />
      ) : (
        <EmptyState
          icon="library"
          title={t('library.empty.title')}
          body={t('library.empty.body')}
          testId="library-empty"
          action={
            <button type="button" className="btn btn--primary" onClick={openImportPicker}>
              <Icon name="upload" />
              {t('library.import')}
            </button>
          }
        />
      );
    }
    return (
      <>
        <AssetGrid assets={items} selectedId={selectedId} onSelect={select} />
        <Pagination page={query.page} pages={pages} onPage={setPage} />
      </>
    );
  }

  return (
    <section className="page page--with-panel" data-testid="page-library">
      <div className="page__main">
        <PageHeader
          title={t('library.title')}
          subtitle={t('library.subtitle')}
          actions={
            <button
              type="button"
              className="btn btn--primary"
              data-testid="library-import"
              disabled={uploading > 0}
              onClick={openImportPicker}
            >
              <Icon name="upload" />
              {t('library.import')}
            </button>
          }
        />
        <LibraryToolbar searchRef={searchRef} />
        <CleanupPreview />
        <p className="drop-hint muted">{t('library.dropHint')}</p>
        {body()}
      </div>
      {selected ? (
        <AssetDetail asset={selected} onClose={() => select(null)} onDelete={() => void confirmAndDeleteAsset(selected)} />
      ) : null}
    </section>
  );
}
