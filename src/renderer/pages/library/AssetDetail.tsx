import type { ReactNode } from 'react';
import type { AssetView } from '../../../shared/library.js';
import { AssetThumb } from '../../components/AssetThumb.js';
import { Icon } from '../../components/Icon.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatBytes, formatDateTime, formatMediaDuration } from '../../lib/format.js';
import { AssetSource } from './AssetSource.js';
import { kindKey } from './LibraryToolbar.js';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="meta-list__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The side panel with the selected asset's preview and metadata. */
export function AssetDetail({ asset, onDelete, onClose }: { asset: AssetView; onDelete: () => void; onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const processing = asset.status === 'processing';
  const none = t('common.none');
  const pending = <Skeleton className="skeleton--line skeleton--short" />;
  return (
    <aside className="detail-panel" data-testid="asset-detail" aria-label={t('library.detail')}>
      <header className="detail-panel__header">
        <h2 className="detail-panel__title">{t('library.detail')}</h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} data-testid="asset-detail-close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="detail-panel__preview">
        <AssetThumb asset={asset} />
      </div>
      <dl className="meta-list">
        <Row label={t('library.field.name')} testId="detail-name">
          {asset.name}
        </Row>
        <Row label={t('library.field.kind')}>{t(kindKey(asset.kind))}</Row>
        <Row label={t('library.field.size')} testId="detail-size">
          {formatBytes(asset.bytes, language)}
        </Row>
        <Row label={t('library.field.dimensions')} testId="detail-dimensions">
          {processing ? pending : asset.width !== null && asset.height !== null ? `${asset.width} × ${asset.height}` : none}
        </Row>
        <Row label={t('library.field.duration')}>
          {processing ? pending : asset.durationSec !== null ? formatMediaDuration(asset.durationSec) : none}
        </Row>
        <Row label={t('library.field.format')}>{processing ? pending : (asset.format ?? asset.ext.toUpperCase())}</Row>
        <Row label={t('library.field.codecs')}>{processing ? pending : asset.codecs.length > 0 ? asset.codecs.join(', ') : none}</Row>
        <Row label={t('outputs.field.origin')} testId="detail-origin">
          <AssetSource asset={asset} />
        </Row>
        <Row label={t('library.field.added')}>{formatDateTime(asset.createdAt, language)}</Row>
        <Row label={t('library.field.hash')}>
          <code className="hash">{asset.hash.slice(0, 16)}…</code>
        </Row>
      </dl>
      <footer className="detail-panel__footer">
        <button type="button" className="btn btn--danger" data-testid="asset-delete" onClick={onDelete}>
          <Icon name="trash" />
          {t('library.delete')}
        </button>
      </footer>
    </aside>
  );
}
