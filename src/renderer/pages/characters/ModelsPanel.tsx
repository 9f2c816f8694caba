import { useEffect, useState } from 'react';
import type { MeshModelSummary } from '../../../shared/api/mesh-contract.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { startBuilderFrom } from '../../lib/builder3dStart.js';

/** The 3D models made from this character, and the way to make one. */
export function ModelsPanel({ characterId }: { characterId: string }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const [models, setModels] = useState<MeshModelSummary[]>([]);
  useEffect(() => {
    let live = true;
    void api()
      .call('mesh.models', { characterId })
      .then((rows) => live && setModels(rows))
      .catch(() => live && setModels([]));
    return () => {
      live = false;
    };
  }, [characterId]);

  function make() {
    startBuilderFrom(characterId);
    go('builder3d');
  }

  return (
    <section className="card" aria-labelledby="character-models-title" data-testid="character-models">
      <h2 id="character-models-title">{t('character.models.title')}</h2>
      {models.length === 0 ? <p className="muted">{t('character.models.empty')}</p> : null}
      <ul style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {models.map((m) => (
          <li key={m.id} className="card" data-testid="character-model">
            <img src={api().mediaUrl(m.image)} alt="" width={120} />
            <strong>{m.name}</strong> <span className="badge">{t(`mesh.modelStatus.${m.status}`)}</span>
            {m.bestScore !== null ? <span className="muted"> {t('character.models.score', { score: Math.round(m.bestScore) })}</span> : null}
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn--primary" data-testid="character-make-3d" onClick={make}>
        {t('character.models.make')}
      </button>
    </section>
  );
}
