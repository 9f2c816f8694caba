import { useEffect, useState } from 'react';
import type { AssetView } from '../../../shared/library.js';
import { libraryPathOf } from '../../../shared/paths.js';
import { api } from '../../api/index.js';
import { AssetThumb } from '../../components/AssetThumb.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { mediaFromAsset, type ComposerMedia } from '../../stores/composerStore.js';
import { useSettingsStore } from '../../stores/settingsStore.js';
import { Segmented } from '../generate/fields.js';
import { useLoad } from '../partners/useCall.js';

/** A URL for a media file: library-relative paths as they are, absolute ones (a generator's output) when inside the library. */
export function useShowUrl(): (file: string | null) => string | null {
  const libraryDir = useSettingsStore((s) => s.appInfo?.libraryDir ?? null);
  return (file) => {
    if (!file) return null;
    const absolute = file.startsWith('/') || /^[a-z]:[\\/]/i.test(file);
    if (!absolute) return api().mediaUrl(file);
    const rel = libraryDir ? libraryPathOf(libraryDir, file) : null;
    return rel === null ? null : api().mediaUrl(rel);
  };
}

/** The chosen media in order, each with its remove button. */
export function MediaStrip({ media, onRemove }: { media: ComposerMedia[]; onRemove: (key: string) => void }) {
  const t = useT();
  const urlOf = useShowUrl();
  if (media.length === 0) return <p className="muted">{t('scheduler.composer.noMedia')}</p>;
  return (
    <ul className="media-strip" data-testid="composer-media">
      {media.map((m) => {
        const url = urlOf(m.showFile);
        return (
          <li key={m.key} className="media-strip__item" data-testid="composer-media-item" data-kind={m.probe.kind}>
            {url ? <img src={url} alt={m.name} className="media-strip__thumb" /> : <Icon name={m.probe.kind} size={32} />}
            <span className="media-strip__name">{m.name}</span>
            <button type="button" className="btn btn--ghost btn--small" aria-label={t('scheduler.composer.removeMedia', { name: m.name })} onClick={() => onRemove(m.key)}>
              <Icon name="close" size={14} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The library's images and videos (the Director's and Social's kept outputs among them), to add to the post. */
export function MediaPicker({ chosen, onToggle }: { chosen: ComposerMedia[]; onToggle: (media: ComposerMedia) => void }) {
  const t = useT();
  const [kind, setKind] = useState<'image' | 'video'>('image');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 200);
    return () => clearTimeout(timer);
  }, [search]);
  const list = useLoad(() => api().call('library.list', { kind, sort: 'newest', limit: 48, offset: 0, ...(query ? { search: query } : {}) }), false);
  const { reload } = list;
  useEffect(() => {
    void reload();
  }, [kind, query, reload]);
  const isChosen = (a: AssetView) => chosen.some((m) => m.key === `asset:${a.id}`);

  return (
    <div className="media-picker" data-testid="media-picker">
      <div className="media-picker__bar">
        <Segmented label={t('scheduler.composer.mediaKind')} testId="media-picker-kind" value={kind} onChange={setKind} options={[{ value: 'image', label: t('scheduler.composer.images') }, { value: 'video', label: t('scheduler.composer.videos') }]} />
        <label className="field">
          <span className="field__label">{t('scheduler.composer.searchLibrary')}</span>
          <input className="input" type="search" value={search} data-testid="media-picker-search" onChange={(e) => setSearch(e.target.value)} />
        </label>
      </div>
      {list.error && !list.data ? (
        <ErrorPanel error={list.error} onRetry={() => void list.reload()} />
      ) : !list.data ? (
        <SkeletonRows rows={2} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('scheduler.composer.libraryEmpty')}</p>
      ) : (
        <ul className="media-picker__grid">
          {list.data.items.map((asset) => (
            <li key={asset.id}>
              <button
                type="button"
                className={isChosen(asset) ? 'media-picker__item media-picker__item--chosen' : 'media-picker__item'}
                aria-pressed={isChosen(asset)}
                disabled={asset.status !== 'ready'}
                data-testid="media-picker-item"
                data-asset-id={asset.id}
                onClick={() => {
                  const media = mediaFromAsset(asset);
                  if (media) onToggle(media);
                }}
              >
                <AssetThumb asset={asset} />
                <span className="media-picker__name">{asset.name}</span>
                {isChosen(asset) ? <Icon name="check" size={16} className="media-picker__check" /> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
