import type { TimelineOverview } from '../../../shared/api/contract.js';
import { useT } from '../../i18n/index.js';
import { useVideoStore } from '../../stores/videoStore.js';
import { SceneCard } from './SceneCard.js';

/** The timeline's scenes in order, each with its thumbnail, length, motion and caption. */
export function Filmstrip({ overview }: { overview: TimelineOverview }) {
  const t = useT();
  const assets = useVideoStore((s) => s.assets);
  const frame = `${overview.width} / ${overview.height}`;
  return (
    <section className="card" aria-label={t('video.filmstrip', { count: overview.scenes.length })}>
      <h2 className="card__title">{t('video.filmstrip', { count: overview.scenes.length })}</h2>
      <ol className="filmstrip" data-testid="filmstrip">
        {overview.scenes.map((scene) => (
          <SceneCard
            key={scene.index}
            scene={scene}
            asset={scene.assetId ? (assets[scene.assetId] ?? null) : null}
            frame={frame}
          />
        ))}
      </ol>
    </section>
  );
}
