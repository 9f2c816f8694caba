import type { RefObject } from 'react';
import { mediaKindSchema, type MediaKind } from '../../../shared/jobs/kinds.js';
import { ASSET_SORTS, type AssetSort } from '../../../shared/library.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { formatCount } from '../../lib/format.js';
import { useLibraryStore } from '../../stores/libraryStore.js';
import { OriginFilter } from './OriginFilter.js';

const KINDS = mediaKindSchema.options;
const KIND_KEYS: Record<MediaKind, MessageKey> = { image: 'kind.image', video: 'kind.video', audio: 'kind.audio' };
const SORT_KEYS: Record<AssetSort, MessageKey> = {
  newest: 'library.sort.newest',
  oldest: 'library.sort.oldest',
  name: 'library.sort.name',
  size: 'library.sort.size',
};

export function LibraryToolbar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const t = useT();
  const language = useLanguage();
  const query = useLibraryStore((s) => s.query);
  const total = useLibraryStore((s) => s.total);
  const setQuery = useLibraryStore((s) => s.setQuery);
  return (
    <div className="toolbar" data-testid="library-toolbar">
      <label className="search-field">
        <Icon name="search" />
        <span className="visually-hidden">{t('library.search')}</span>
        <input
          ref={searchRef}
          type="search"
          className="input"
          placeholder={t('library.search')}
          value={query.search}
          data-testid="library-search"
          onChange={(event) => setQuery({ search: event.target.value })}
        />
      </label>
      <div className="segmented" role="group" aria-label={t('library.kindFilter')} data-testid="library-kind-filter">
        <button
          type="button"
          className={query.kind === null ? 'segmented__item segmented__item--active' : 'segmented__item'}
          aria-pressed={query.kind === null}
          data-testid="kind-all"
          onClick={() => setQuery({ kind: null })}
        >
          {t('common.all')}
        </button>
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={query.kind === kind ? 'segmented__item segmented__item--active' : 'segmented__item'}
            aria-pressed={query.kind === kind}
            data-testid={`kind-${kind}`}
            onClick={() => setQuery({ kind })}
          >
            {t(KIND_KEYS[kind])}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={query.starred ? 'segmented__item segmented__item--active' : 'segmented__item'}
        aria-pressed={query.starred}
        data-testid="library-starred-filter"
        onClick={() => setQuery({ starred: !query.starred })}
      >
        <span aria-hidden="true">★ </span>
        {t('lifecycle.filter.starred')}
      </button>
      <OriginFilter />
      <label className="field-inline">
        <span>{t('library.sort')}</span>
        <select
          className="select"
          value={query.sort}
          data-testid="library-sort"
          onChange={(event) => {
            const sort = ASSET_SORTS.find((s) => s === event.target.value);
            if (sort) setQuery({ sort });
          }}
        >
          {ASSET_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(SORT_KEYS[sort])}
            </option>
          ))}
        </select>
      </label>
      <span className="toolbar__total muted" data-testid="library-total">
        {t('library.total', { count: formatCount(total, language) })}
      </span>
    </div>
  );
}

export function kindKey(kind: MediaKind): MessageKey {
  return KIND_KEYS[kind];
}
