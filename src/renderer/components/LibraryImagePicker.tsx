import { useEffect } from 'react';
import type { AssetView } from '../../shared/library.js';
import { api } from '../api/index.js';
import { AssetThumb } from './AssetThumb.js';
import { ErrorPanel } from './ErrorPanel.js';
import { Icon } from './Icon.js';
import { SkeletonRows } from './Skeleton.js';
import { useT } from '../i18n/index.js';
import { useLoad } from '../pages/partners/useCall.js';

/** The library's images to toggle (a new style's references, images to score, a character's references), newest first. */
export function LibraryImagePicker({ chosen, onToggle, max, testId }: { chosen: string[]; onToggle: (id: string, asset: AssetView) => void; max: number; testId: string }) {
  const t = useT();
  const list = useLoad(() => api().call('library.list', { kind: 'image', sort: 'newest', limit: 60, offset: 0 }), false);
  const { reload } = list;
  useEffect(() => {
    void reload();
  }, [reload]);
  if (list.error && !list.data) return <ErrorPanel error={list.error} onRetry={() => void list.reload()} />;
  if (!list.data) return <SkeletonRows rows={2} />;
  if (list.data.items.length === 0) return <p className="muted">{t('scheduler.composer.libraryEmpty')}</p>;
  return (
    <ul className="media-picker__grid" data-testid={testId}>
      {list.data.items.map((asset) => {
        const on = chosen.includes(asset.id);
        return (
          <li key={asset.id}>
            <button
              type="button"
              className={on ? 'media-picker__item media-picker__item--chosen' : 'media-picker__item'}
              aria-pressed={on}
              disabled={asset.status !== 'ready' || (!on && chosen.length >= max)}
              data-testid={`${testId}-item`}
              data-asset-id={asset.id}
              onClick={() => onToggle(asset.id, asset)}
            >
              <AssetThumb asset={asset} />
              <span className="media-picker__name">{asset.name}</span>
              {on ? <Icon name="check" size={16} className="media-picker__check" /> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
