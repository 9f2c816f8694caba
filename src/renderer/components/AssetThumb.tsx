import { useState } from 'react';
import type { AssetView } from '../../shared/library.js';
import { api } from '../api/index.js';
import { useT } from '../i18n/index.js';
import { Icon } from './Icon.js';
import { Skeleton } from './Skeleton.js';

/** The thumbnail of an asset; a skeleton while it is processed, an icon when there is none. */
export function AssetThumb({ asset }: { asset: AssetView }) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  if (asset.status === 'processing') {
    return <Skeleton className="thumb thumb--loading" testId="asset-thumb-loading" />;
  }
  if (!asset.thumb || failed) {
    return (
      <div className={`thumb thumb--none thumb--${asset.kind}`} title={t('library.noThumb')}>
        <Icon name={asset.kind} size={32} />
      </div>
    );
  }
  return (
    <img
      className="thumb"
      src={api().mediaUrl(asset.thumb)}
      alt={asset.name}
      loading="lazy"
      decoding="async"
      draggable={false}
      data-testid="asset-thumb"
      onError={() => setFailed(true)}
    />
  );
}
