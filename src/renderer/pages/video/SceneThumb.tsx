import { useState } from 'react';
import type { SceneOverview } from '../../../shared/api/contract.js';
import type { AssetView } from '../../../shared/library.js';
import { api } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { errorDetail } from '../../lib/serverText.js';

/** A scene's picture: its library thumbnail, a skeleton while the import is probed, a marker when the file is missing. */
export function SceneThumb({ scene, asset }: { scene: SceneOverview; asset: AssetView | null }) {
  const t = useT();
  const language = useLanguage();
  const [failed, setFailed] = useState(false);
  if (scene.assetId === null) {
    return (
      <div className="scene-card__thumb scene-card__thumb--missing" title={(scene.problem && errorDetail(scene.problem, t, language)) || t('video.scene.missing')}>
        <Icon name="warning" size={32} />
      </div>
    );
  }
  if (!asset || asset.status === 'processing') {
    return <Skeleton className="scene-card__thumb" testId="scene-thumb-loading" />;
  }
  if (!asset.thumb || failed) {
    return (
      <div className="scene-card__thumb scene-card__thumb--none" title={t('video.scene.noPreview')}>
        <Icon name={asset.kind} size={32} />
      </div>
    );
  }
  return (
    <img
      className="scene-card__thumb"
      src={api().mediaUrl(asset.thumb)}
      alt={t('video.scene.label', { n: scene.index + 1 })}
      decoding="async"
      draggable={false}
      data-testid="scene-thumb"
      onError={() => setFailed(true)}
    />
  );
}
