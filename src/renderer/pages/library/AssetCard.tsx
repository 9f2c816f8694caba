import type { AssetView } from '../../../shared/library.js';
import { AssetThumb } from '../../components/AssetThumb.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatBytes, formatDateTime, formatMediaDuration } from '../../lib/format.js';
import { useCleanupStore } from '../../stores/cleanupStore.js';
import { StarButton } from './StarButton.js';

interface AssetCardProps {
  asset: AssetView;
  selected: boolean;
  onSelect: () => void;
}

export function AssetCard({ asset, selected, onSelect }: AssetCardProps) {
  const t = useT();
  const language = useLanguage();
  const processing = asset.status === 'processing';
  const removeAt = useCleanupStore((s) => s.removeAt[asset.id]);
  return (
    <li className="asset-card__cell">
      <button
        type="button"
        className={selected ? 'asset-card asset-card--selected' : 'asset-card'}
        aria-pressed={selected}
        data-testid="asset-card"
        data-asset-id={asset.id}
        data-status={asset.status}
        data-origin={asset.origin}
        onClick={onSelect}
      >
        <div className="asset-card__media">
          <AssetThumb asset={asset} />
          {asset.durationSec !== null ? <span className="asset-card__duration">{formatMediaDuration(asset.durationSec)}</span> : null}
        </div>
        <div className="asset-card__info">
          <span className="asset-card__name" title={asset.name}>
            <Icon name={asset.kind} size={14} />
            {asset.name}
          </span>
          <span className="asset-card__meta muted">
            {processing ? t('library.processing') : formatBytes(asset.bytes, language)}
          </span>
          {removeAt !== undefined ? (
            <span className="asset-card__expiry" data-testid="asset-removal">
              {t('lifecycle.next.removeOn', { date: formatDateTime(removeAt, language) })}
            </span>
          ) : null}
        </div>
      </button>
      <StarButton asset={asset} />
    </li>
  );
}
